import type { Readable } from 'node:stream';
import { ImportFormatError } from '../catalog-importer.js';
import { JsonSyntaxError } from './json-syntax-error.js';
import { JsonValueCutter, parseSelector, type TopLevelKind } from './json-value-cutter.js';
import { formatJsonPath, type JsonKey, type JsonValue } from './json-values.js';

/** One value the caller asked for (by `paths`), with the keys that lead to it from the root. */
export interface JsonEvent {
  readonly path: readonly JsonKey[];
  readonly value: JsonValue;
}

export interface JsonStreamOptions {
  readonly format: string;
  readonly sourceName: string;
  /** Paths of the values wanted (`$.products.*`, `*` for any key or index). A selected value is held whole in memory, so select the repeated elements, never their container. */
  readonly paths: readonly string[];
  /** Accept a JSONP wrapper `callback( … );` around the document (the spot feed's spot.js). */
  readonly allowJsonp?: boolean;
}

const HEAD_SCAN_BYTES = 1024;
const JSONP_PREFIX = /^[A-Za-z_$][\w$.]*\s*\(/;
const JSONP_TAIL = /^\s*\)\s*;?\s*$/;
const WITHHELD = new Set([0x20, 0x09, 0x0a, 0x0d, 0x29, 0x3b]); // whitespace ) ;

/**
 * Streams one JSON document whose top level is an object and hands back, after each chunk,
 * the values matching `paths` (a batch, so callers yield between chunks and memory stays
 * bounded by one chunk's worth of values). Values outside the selected ones are checked and
 * dropped; the kind of each top-level member is recorded (`topLevel`) for importers to check
 * once the stream ends.
 */
export class JsonEventStream {
  /** Kind of each top-level member seen so far: `products` → object, `version` → scalar. */
  readonly topLevel = new Map<string, TopLevelKind>();
  private bytesSeen = 0;
  private skipped = 0;
  private wrapped = false;
  private lastPath: readonly JsonKey[] | null = null;
  private queue: JsonEvent[] = [];
  private readonly cutter: JsonValueCutter;

  constructor(
    private readonly stream: Readable,
    private readonly options: JsonStreamOptions,
  ) {
    this.cutter = new JsonValueCutter(options.paths.map(parseSelector), {
      value: (path, value) => {
        this.lastPath = path;
        this.queue.push({ path, value });
      },
      topLevel: (key, kind) => this.topLevel.set(key, kind),
    });
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
    if (!this.cutter.complete) {
      throw this.formatError(
        this.bytesSeen === 0
          ? 'the input is empty'
          : `the input ends after ${this.bytesSeen} bytes before the JSON document is complete (truncated?)` +
              (this.lastPath ? `; last complete value: ${formatJsonPath(this.lastPath)}` : ''),
      );
    }
    if (this.queue.length > 0) yield this.takeQueue();
  }

  formatError(detail: string): ImportFormatError {
    return new ImportFormatError(this.options.format, this.options.sourceName, detail);
  }

  private takeQueue(): JsonEvent[] {
    const out = this.queue;
    this.queue = [];
    return out;
  }

  private feed(bytes: Buffer): void {
    if (bytes.length === 0) return;
    try {
      this.cutter.write(bytes);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const offset = this.skipped + error.offset;
      const where = this.lastPath ? ` (after ${formatJsonPath(this.lastPath)})` : '';
      throw this.formatError(
        error.afterEnd
          ? `unexpected data after the end of the JSON document at byte ${offset}: ${error.message}`
          : `invalid JSON at byte ${offset}${where}: ${error.message}`,
      );
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
