import type { Readable } from 'node:stream';

/** The first `maxBytes` of a stream as UTF-8 text (for `detect`), destroying the stream after. */
export async function readHead(stream: Readable, maxBytes = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      chunks.push(buffer);
      size += buffer.length;
      if (size >= maxBytes) break;
    }
  } finally {
    stream.destroy();
  }
  // A multi-byte character cut at the end decodes to U+FFFD, which detect() ignores.
  return Buffer.concat(chunks)
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}
