/** A syntax error at an absolute byte offset of the bytes fed so far. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly afterEnd = false,
  ) {
    super(message);
  }
}

/** The bytes at `i` as the error shows them. */
export function describe(buf: Buffer, i: number): string {
  return JSON.stringify(buf.toString('utf8', i, Math.min(i + 20, buf.length)));
}
