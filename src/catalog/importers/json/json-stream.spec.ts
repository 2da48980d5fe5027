import { Readable } from 'node:stream';
import { ImportFormatError } from '../catalog-importer.js';
import { JsonEventStream, type JsonEvent } from './json-stream.js';

async function events(
  chunks: readonly (string | Buffer)[],
  paths: string[],
  allowJsonp = false,
): Promise<{ events: JsonEvent[]; stream: JsonEventStream }> {
  const stream = new JsonEventStream(
    Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))),
    { format: 'test-format', sourceName: 'test.json', paths, allowJsonp },
  );
  const out: JsonEvent[] = [];
  for await (const batch of stream.batches()) out.push(...batch);
  return { events: out, stream };
}

const bytewise = (text: string) => [...Buffer.from(text)].map((b) => Buffer.from([b]));

describe('JsonEventStream', () => {
  it('keeps numbers as their source text, so prices never pass through a double', async () => {
    const { events: found } = await events(
      ['{"Items":[{"p":0.0000166667,"q":1e-7,"r":12345678901234567890.5}]}'],
      ['$.Items.*'],
    );
    expect(found).toEqual([
      { path: ['Items', 0], value: { p: '0.0000166667', q: '1e-7', r: '12345678901234567890.5' } },
    ]);
  });

  it('reads a JSONP wrapper split one byte per chunk, with a BOM before it', async () => {
    const { events: found } = await events(
      [Buffer.from([0xef, 0xbb, 0xbf]), ...bytewise('callback({"config":{"regions":[{"region":"x"}]}});\n')],
      ['$.config.regions.*'],
      true,
    );
    expect(found).toEqual([{ path: ['config', 'regions', 0], value: { region: 'x' } }]);
  });

  it('tracks the kind of each top-level member without keeping the values', async () => {
    const { stream } = await events(['{"a":1,"b":{"c":[1,2]},"d":[{"e":{}}],"f":null}'], ['$.b.c.*']);
    expect([...stream.topLevel]).toEqual([
      ['a', 'scalar'],
      ['b', 'object'],
      ['d', 'array'],
      ['f', 'scalar'],
    ]);
  });

  it.each([
    [
      'truncated',
      ['{"Items":[{"a":1},{"b"'],
      /test\.json is not a valid test-format input: the input ends after 22 bytes .*last complete value: Items\[0\]/,
    ],
    ['trailing data', ['{"a":1} x'], /unexpected data after the end of the JSON document at byte 8/],
    ['JSONP without permission', ['cb({"a":1});'], /not JSON: the input starts with "cb\(/],
    ['an array', ['  [1,2]'], /top-level JSON value is an array/],
    ['empty', [''], /the input is empty/],
    ['broken inside', ['{"a":1,,"b":2}'], /invalid JSON at byte 7/],
  ])('throws ImportFormatError for %s input', async (_name, chunks, message) => {
    const reading = events(chunks, ['$.Items.*']);
    await expect(reading).rejects.toThrow(ImportFormatError);
    await expect(events(chunks, ['$.Items.*'])).rejects.toThrow(message);
  });

  describe('values cut at any chunk boundary', () => {
    const document =
      '{"meta":{"v":"1.0","n":-12.5e+3},"products":{"A\\"1":{"s":"a]b}c\\\\","t":[1,{"u":"\\u00e9"}],' +
      '"é":true},"B":{"p":0.0000166667,"q":null,"r":[]}},"skip":[{"x":[1,2,{"y":"}"}]}],"tail":"end"}';
    const expected = [
      { path: ['meta', 'v'], value: '1.0' },
      { path: ['products', 'A"1'], value: { s: 'a]b}c\\', t: ['1', { u: 'é' }], é: true } },
      { path: ['products', 'B'], value: { p: '0.0000166667', q: null, r: [] } },
      { path: ['tail'], value: 'end' },
    ];
    const paths = ['$.meta.v', '$.products.*', '$.tail'];

    it('gives the same values for every split of the document into two chunks', async () => {
      const bytes = Buffer.from(document);
      for (let at = 0; at <= bytes.length; at++) {
        const { events: found } = await events([bytes.subarray(0, at), bytes.subarray(at)], paths);
        expect({ at, found }).toEqual({ at, found: expected });
      }
    });

    it('gives the same values one byte at a time', async () => {
      expect((await events(bytewise(document), paths)).events).toEqual(expected);
    });
  });

  it.each([
    ['a number in a key position', '{"Items":[{"a":1,2:3}]}', /invalid JSON at byte 17/],
    ['a leading zero', '{"Items":[{"a":01}]}', /invalid number "01"/],
    ['a lone minus', '{"Items":[[-]]}', /invalid number "-"/],
    ['a broken selected value', '{"Items":[{"a" 1}]}', /invalid JSON at byte 1\d/],
    ['a broken unselected value', '{"Other":{"a" 1},"Items":[]}', /invalid JSON at byte 14: unexpected "1/],
    ['a bad literal', '{"Other":[tru]}', /invalid literal "tru"/],
  ])('rejects %s with its position', async (_name, text, message) => {
    await expect(events([text], ['$.Items.*'])).rejects.toThrow(message);
  });
});
