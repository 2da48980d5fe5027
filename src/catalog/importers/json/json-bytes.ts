/** Byte-level pieces shared by the structure walk (JsonValueCutter) and the container scan. */

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;

/** JSON's number grammar. */
export const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** JSON whitespace. */
export const isSpace = new Uint8Array(256);
for (const b of [0x20, 0x09, 0x0a, 0x0d]) isSpace[b] = 1;

/** Bytes a literal or number may run over; what they spell is checked once it ends. */
export const isLiteralByte = new Uint8Array(256);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.')
  isLiteralByte[c.charCodeAt(0)] = 1;

/** `findStringEnd` found no closing quote in the chunk. */
export const STRING_CONTINUES = -1;
/** As STRING_CONTINUES, and the chunk ends on an escaping backslash: the next chunk's first byte is escaped. */
export const STRING_CONTINUES_ESCAPED = -2;

/**
 * Index of the quote that closes a string which continues at `from` (`from` < buf.length, not
 * itself escaped), jumping from quote to quote with the native indexOf; a quote after an odd
 * run of backslashes is escaped. Otherwise STRING_CONTINUES or STRING_CONTINUES_ESCAPED.
 */
export function findStringEnd(buf: Buffer, from: number): number {
  const n = buf.length;
  let i = from;
  for (;;) {
    const q = i < n ? buf.indexOf(QUOTE, i) : -1;
    const stop = q === -1 ? n : q;
    let k = stop;
    while (k > i && buf[k - 1] === BACKSLASH) k--;
    const escaped = (stop - k) % 2 === 1;
    if (q === -1) return escaped ? STRING_CONTINUES_ESCAPED : STRING_CONTINUES;
    if (!escaped) return q;
    i = q + 1;
  }
}
