import {
  findStringEnd,
  isLiteralByte,
  isSpace,
  NUMBER,
  QUOTE,
  STRING_CONTINUES_ESCAPED,
} from './json-bytes.js';
import { describe, JsonSyntaxError } from './json-syntax-error.js';

const QUOTED = Buffer.from('"');

const enum ByteClass {
  Other,
  Space,
  Quote,
  Open,
  Close,
  NumberStart,
}
const byteClass = new Uint8Array(256);
for (let b = 0; b < 256; b++) if (isSpace[b]) byteClass[b] = ByteClass.Space;
byteClass[QUOTE] = ByteClass.Quote;
byteClass[0x7b] = byteClass[0x5b] = ByteClass.Open;
byteClass[0x7d] = byteClass[0x5d] = ByteClass.Close;
for (const c of '-0123456789') byteClass[c.charCodeAt(0)] = ByteClass.NumberStart;
const numberByte = new Uint8Array(256);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.')
  numberByte[c.charCodeAt(0)] = 1;

/**
 * Finds where one JSON object or array ends, across as many chunks as it spans, in one pass
 * that looks only at brackets, quotes, escapes and bare numbers; JSON.parse checks the rest.
 * The bare numbers' positions are kept so they can be quoted: JSON.parse would make doubles.
 */
export class ContainerScan {
  private readonly arrays: boolean[] = [];
  /** The last significant byte outside strings: a number may only follow `:`, `[` or an array's `,`. */
  private previous = 0;
  private inString = false;
  private inNumber = false;
  /** 1 when the previous chunk ended on a backslash inside a string. */
  private skip = 0;
  /** Bytes of the container in earlier chunks. */
  private consumed = 0;
  /** [start, end) byte positions of each bare number, relative to the container's first byte. */
  private readonly numbers: number[] = [];

  /**
   * Scans `buf` from `start` (the container's first byte, or 0 in a later chunk). Returns the
   * index just after the container's end, or -1 when the chunk ends first. `fed` is the
   * absolute offset of `buf`, for errors.
   */
  scan(buf: Buffer, start: number, fed: number): number {
    const n = buf.length;
    const arrays = this.arrays;
    const base = this.consumed - start;
    let previous = this.previous;
    let inString = this.inString;
    let inNumber = this.inNumber;
    let i = start + this.skip;
    for (; i < n; i++) {
      if (inString) {
        const q = findStringEnd(buf, i);
        if (q < 0) {
          i = q === STRING_CONTINUES_ESCAPED ? n + 1 : n;
          break;
        }
        inString = false;
        i = q;
        continue;
      }
      const b = buf[i];
      if (inNumber) {
        if (isLiteralByte[b]) continue;
        inNumber = false;
        this.numbers.push(base + i);
      }
      switch (byteClass[b] as ByteClass) {
        case ByteClass.Space:
          continue;
        case ByteClass.Quote:
          inString = true;
          previous = QUOTE;
          continue;
        case ByteClass.Open:
          arrays.push(b === 0x5b);
          break;
        case ByteClass.Close:
          arrays.pop();
          if (arrays.length === 0) return i + 1;
          break;
        case ByteClass.NumberStart:
          if (!(previous === 0x3a || previous === 0x5b || (previous === 0x2c && arrays[arrays.length - 1])))
            throw new JsonSyntaxError(`unexpected ${describe(buf, i)}`, fed + i);
          this.numbers.push(base + i);
          inNumber = true;
          break;
        case ByteClass.Other:
          break;
      }
      previous = b;
    }
    this.skip = i - n;
    this.previous = previous;
    this.inString = inString;
    this.inNumber = inNumber;
    this.consumed += n - start;
    return -1;
  }

  /** The container's bytes with each bare number quoted, after checking it against JSON's grammar. */
  quoteNumbers(raw: Buffer, offset: number): Buffer {
    const spans = this.numbers;
    if (spans.length === 0) return raw;
    const parts: Buffer[] = [];
    let from = 0;
    for (let s = 0; s < spans.length; s += 2) {
      const start = spans[s];
      const end = spans[s + 1];
      const number = raw.toString('latin1', start, end);
      if (!NUMBER.test(number))
        throw new JsonSyntaxError(`invalid number ${JSON.stringify(number.slice(0, 40))}`, offset + start);
      parts.push(raw.subarray(from, start), QUOTED, raw.subarray(start, end), QUOTED);
      from = end;
    }
    parts.push(raw.subarray(from));
    return Buffer.concat(parts);
  }
}
