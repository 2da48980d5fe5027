import { TokenParser, Tokenizer, TokenType } from '@streamparser/json';
import type { Readable } from 'node:stream';
import { ImportFormatError } from '../catalog-importer.js';
import { formatJsonPath, type JsonKey, type JsonValue } from './json-values.js';

/** One value the caller asked for (by `paths`), with the keys that lead to it from the root. */
export interface JsonEvent {
  readonly path: readonly JsonKey[];
  readonly value: JsonValue;
}

export interface JsonStreamOptions {
  readonly format: string;
  readonly sourceName: string;
  /** @streamparser/json selectors (`$.products.*`). Never select a container whose children are also wanted: an emitted container keeps all its children in memory. */
  readonly paths: readonly string[];
  /** Accept a JSONP wrapper `callback( … );` around the document (the spot feed's spot.js). */
  readonly allowJsonp?: boolean;
}

/** Numbers keep their source text, so a price such as 0.0000166667 never passes through a double. */
class ExactNumberTokenizer extends Tokenizer {
  protected override parseNumber(numberStr: string): number {
    return numberStr as unknown as number;
  }
}

const HEAD_SCAN_BYTES = 1024;
const JSONP_PREFIX = /^[A-Za-z_$][\w$.]*\s*\(/;
const JSONP_TAIL = /^\s*\)\s*;?\s*$/;
const WITHHELD = new Set([0x20, 0x09, 0x0a, 0x0d, 0x29, 0x3b]); // whitespace ) ;

/**
 * Streams one JSON document whose top level is an object and hands back, after each chunk,
 * the values matching `paths` (a batch, so callers yield between chunks and memory stays
 * bounded by one chunk's worth of values). With keepStack false the parser drops every
 * completed value outside the selected ones, so the top-level shape is tracked from the
 * tokens instead (`topLevel`), for importers to check once the stream ends.
 */
export class JsonEventStream {
  /** Kind of each top-level member seen so far: `products` → object, `version` → scalar. */
  readonly topLevel = new Map<string, 'object' | 'array' | 'scalar'>();
  private depth = 0;
  private expectTopKey = false;
  private topKey: string | null = null;
  private bytesSeen = 0;
  private skipped = 0;
  private wrapped = false;
  private lastTokenOffset = 0;
  private lastPath: readonly JsonKey[] | null = null;
  private queue: JsonEvent[] = [];
  private readonly tokenizer = new ExactNumberTokenizer();
  private readonly parser: TokenParser;

  constructor(
    private readonly stream: Readable,
    private readonly options: JsonStreamOptions,
  ) {
    this.parser = new TokenParser({ paths: [...options.paths], keepStack: false });
    this.tokenizer.onToken = (token) => {
      this.lastTokenOffset = token.offset;
      if (this.depth <= 1) this.trackTopLevel(token.token, token.value);
      else if (token.token === TokenType.LEFT_BRACE || token.token === TokenType.LEFT_BRACKET) this.depth++;
      else if (token.token === TokenType.RIGHT_BRACE || token.token === TokenType.RIGHT_BRACKET) this.depth--;
      this.parser.write(token);
    };
    this.parser.onError = (error) => this.tokenizer.error(error);
    this.tokenizer.onEnd = () => {
      if (!this.parser.isEnded) this.parser.end();
    };
    this.parser.onEnd = () => {
      if (!this.tokenizer.isEnded) this.tokenizer.end();
    };
    this.parser.onValue = ({ value, key, stack }) => {
      const path: JsonKey[] = new Array<JsonKey>(stack.length);
      for (let i = 1; i < stack.length; i++) path[i - 1] = stack[i].key as JsonKey;
      path[stack.length - 1] = key as JsonKey;
      this.lastPath = path;
      this.queue.push({ path, value: value as JsonValue });
    };
  }

  async *batches(): AsyncGenerator<JsonEvent[]> {
    let head: Buffer | null = Buffer.alloc(0);
    let tail: Buffer = Buffer.alloc(0);
    for await (const chunk of this.stream) {
      let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      this.bytesSeen += bytes.length;
      if (head) {
        head = Buffer.concat([head, bytes]);
        const start = this.startOfDocument(head, false);
        if (start === null) continue;
        bytes = head.subarray(start);
        head = null;
      }
      if (this.options.allowJsonp) {
        // `)` and `;` may close a JSONP wrapper: hold them back until we know whether more follows.
        bytes = Buffer.concat([tail, bytes]);
        let cut = bytes.length;
        while (cut > 0 && WITHHELD.has(bytes[cut - 1])) cut--;
        tail = bytes.subarray(cut);
        bytes = bytes.subarray(0, cut);
      }
      this.feed(bytes);
      if (this.queue.length > 0) yield this.takeQueue();
    }
    if (head) {
      const start = this.startOfDocument(head, true);
      this.feed(head.subarray(start ?? head.length));
    }
    if (tail.length > 0 && !(this.wrapped && JSONP_TAIL.test(tail.toString('latin1')))) this.feed(tail);
    if (!this.tokenizer.isEnded) {
      try {
        this.tokenizer.end();
      } catch {
        throw this.formatError(
          this.bytesSeen === 0
            ? 'the input is empty'
            : `the input ends after ${this.bytesSeen} bytes before the JSON document is complete (truncated?)` +
                (this.lastPath ? `; last complete value: ${formatJsonPath(this.lastPath)}` : ''),
        );
      }
    }
    if (this.queue.length > 0) yield this.takeQueue();
  }

  formatError(detail: string): ImportFormatError {
    return new ImportFormatError(this.options.format, this.options.sourceName, detail);
  }

  /** Follows `{ "key": value, … }` at depth 0–1 to record each top-level member's kind. */
  private trackTopLevel(token: TokenType, value: unknown): void {
    switch (token) {
      case TokenType.LEFT_BRACE:
      case TokenType.LEFT_BRACKET:
        if (this.depth === 1 && this.topKey !== null) {
          this.topLevel.set(this.topKey, token === TokenType.LEFT_BRACE ? 'object' : 'array');
          this.topKey = null;
        }
        this.depth++;
        this.expectTopKey = this.depth === 1;
        return;
      case TokenType.RIGHT_BRACE:
      case TokenType.RIGHT_BRACKET:
        this.depth--;
        return;
      case TokenType.COMMA:
        this.expectTopKey = this.depth === 1;
        return;
      case TokenType.STRING:
        if (this.depth === 1 && this.expectTopKey) {
          this.topKey = value as string;
          this.expectTopKey = false;
          return;
        }
        break;
      case TokenType.COLON:
      case TokenType.SEPARATOR:
        return;
      case TokenType.NUMBER:
      case TokenType.TRUE:
      case TokenType.FALSE:
      case TokenType.NULL:
        break;
    }
    if (this.depth === 1 && this.topKey !== null) {
      this.topLevel.set(this.topKey, 'scalar');
      this.topKey = null;
    }
  }

  private takeQueue(): JsonEvent[] {
    const out = this.queue;
    this.queue = [];
    return out;
  }

  private feed(bytes: Buffer): void {
    if (bytes.length === 0) return;
    try {
      this.tokenizer.write(bytes);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const absolute = /absolute position "(\d+)"/.exec(message);
      const offset = this.skipped + (absolute ? Number(absolute[1]) : this.lastTokenOffset);
      const trailing = /in state ENDED/.test(message)
        ? 'unexpected data after the end of the JSON document'
        : 'invalid JSON';
      const where = this.lastPath ? ` (after ${formatJsonPath(this.lastPath)})` : '';
      throw this.formatError(`${trailing} at byte ${offset}${where}: ${message}`);
    }
  }

  /** Byte index where the JSON object starts, null when more bytes are needed to tell. */
  private startOfDocument(head: Buffer, final: boolean): number | null {
    let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    let wrapped = false;
    for (;;) {
      while (
        i < head.length &&
        (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)
      )
        i++;
      if (i >= head.length) {
        if (final)
          throw this.formatError(head.length === 0 ? 'the input is empty' : 'the input holds no JSON value');
        return null;
      }
      if (head[i] === 0x7b) {
        this.skipped = i;
        this.wrapped = wrapped;
        return i;
      }
      if (head[i] === 0x5b)
        throw this.formatError('the top-level JSON value is an array; this format is a JSON object');
      const text = head.subarray(i, i + HEAD_SCAN_BYTES).toString('utf8');
      const jsonp = this.options.allowJsonp && !wrapped ? JSONP_PREFIX.exec(text) : null;
      if (jsonp) {
        i += Buffer.byteLength(jsonp[0]);
        wrapped = true;
        continue;
      }
      const partialCallee = /^[A-Za-z_$][\w$.]*\s*$/.test(text) && head.length - i < HEAD_SCAN_BYTES;
      if (!final && this.options.allowJsonp && !wrapped && partialCallee) return null;
      throw this.formatError(
        `not JSON: the input starts with ${JSON.stringify(text.slice(0, 40))} at byte ${i}`,
      );
    }
  }
}
