import {
  BACKSLASH,
  findStringEnd,
  isLiteralByte,
  isSpace,
  NUMBER,
  QUOTE,
  STRING_CONTINUES_ESCAPED,
} from './json-bytes.js';
import { ContainerScan } from './json-container-scan.js';
import { describe, JsonSyntaxError } from './json-syntax-error.js';
import type { JsonKey, JsonValue } from './json-values.js';

/** `$.terms.*.*` as segments; null is the wildcard. */
export type JsonSelector = readonly (string | null)[];

export function parseSelector(path: string): JsonSelector {
  if (!/^\$(\.([^.*]+|\*))*$/.test(path)) throw new Error(`unsupported JSON path "${path}"`);
  return path
    .split('.')
    .slice(1)
    .map((segment) => (segment === '*' ? null : segment));
}

export type TopLevelKind = 'object' | 'array' | 'scalar';

export interface CutterListener {
  value(path: JsonKey[], value: JsonValue): void;
  topLevel(key: string, kind: TopLevelKind): void;
}

const enum Mode {
  Value,
  ValueOrEnd,
  Key,
  KeyOrEnd,
  Colon,
  CommaOrEnd,
  Done,
  KeyString,
  ValueString,
  Literal,
  Cut,
}

/**
 * A byte-level JSON scanner that walks the document's structure and hands each value at a
 * selected path to JSON.parse whole, so the bulk of a catalog (the selected values) is parsed
 * by V8's native parser while memory stays bounded by one value. Everything outside the
 * selected values is still checked token by token. Numbers reach the caller as their source
 * text (a selected value's bare numbers are quoted before JSON.parse sees them), so a price
 * such as 0.0000166667 never passes through a double.
 */
export class JsonValueCutter {
  private mode = Mode.Value;
  private readonly arrays: boolean[] = [];
  private readonly keys: JsonKey[] = [];
  private fed = 0;
  // The token in progress: bytes from earlier chunks, and where it starts in the current one.
  private pieces: Buffer[] = [];
  private piecesBytes = 0;
  private tokenStart = 0;
  private tokenOffset = 0;
  private escaped = false;
  private capture = false;
  private container = new ContainerScan();

  constructor(
    private readonly selectors: readonly JsonSelector[],
    private readonly listener: CutterListener,
  ) {}

  get complete(): boolean {
    return this.mode === Mode.Done;
  }

  write(buf: Buffer): void {
    const n = buf.length;
    let i = 0;
    this.tokenStart = 0;
    while (i < n) {
      const mode = this.mode;
      if (mode === Mode.Cut) i = this.cut(buf, i);
      else if (mode === Mode.KeyString || mode === Mode.ValueString) i = this.string(buf, i);
      else if (mode === Mode.Literal) i = this.literal(buf, i);
      else if (isSpace[buf[i]]) i++;
      else i = this.structural(buf, i, buf[i]);
    }
    if (
      this.mode === Mode.Cut ||
      this.mode === Mode.KeyString ||
      this.mode === Mode.ValueString ||
      this.mode === Mode.Literal
    ) {
      const rest = buf.subarray(this.tokenStart);
      this.pieces.push(rest);
      this.piecesBytes += rest.length;
    }
    this.fed += n;
  }

  private structural(buf: Buffer, i: number, b: number): number {
    const at = this.fed + i;
    switch (this.mode) {
      case Mode.Value:
      case Mode.ValueOrEnd:
        if (b === 0x5d && this.mode === Mode.ValueOrEnd) return this.close(i);
        return this.beginValue(buf, i, b);
      case Mode.KeyOrEnd:
      case Mode.Key:
        if (b === 0x7d && this.mode === Mode.KeyOrEnd) return this.close(i);
        if (b !== QUOTE) throw this.unexpected(buf, i, 'a quoted property name');
        this.mode = Mode.KeyString;
        this.startToken(i + 1, at + 1, true);
        return i + 1;
      case Mode.Colon:
        if (b !== 0x3a) throw this.unexpected(buf, i, '":"');
        this.mode = Mode.Value;
        return i + 1;
      case Mode.CommaOrEnd: {
        const depth = this.arrays.length;
        const inArray = this.arrays[depth - 1];
        if (b === 0x2c) {
          if (inArray) {
            (this.keys[depth - 1] as number)++;
            this.mode = Mode.Value;
          } else this.mode = Mode.Key;
          return i + 1;
        }
        if (b === (inArray ? 0x5d : 0x7d)) return this.close(i);
        throw this.unexpected(buf, i, inArray ? '"," or "]"' : '"," or "}"');
      }
      case Mode.Done:
        throw new JsonSyntaxError(`unexpected ${describe(buf, i)}`, at, true);
      case Mode.Cut:
      case Mode.KeyString:
      case Mode.ValueString:
      case Mode.Literal:
        throw new Error(`scanner mode ${this.mode} reads no structural byte`);
    }
  }

  private beginValue(buf: Buffer, i: number, b: number): number {
    const depth = this.arrays.length;
    const container = b === 0x7b || b === 0x5b;
    if (depth === 1) {
      this.listener.topLevel(this.keys[0] as string, b === 0x7b ? 'object' : b === 0x5b ? 'array' : 'scalar');
    }
    const selected = this.isSelected();
    if (container && selected) {
      this.mode = Mode.Cut;
      this.startToken(i, this.fed + i, true);
      this.container = new ContainerScan();
      return i; // the scan reads the opening bracket itself
    }
    if (container) {
      this.arrays.push(b === 0x5b);
      this.keys.push(0);
      this.mode = b === 0x5b ? Mode.ValueOrEnd : Mode.KeyOrEnd;
      return i + 1;
    }
    if (b === QUOTE) {
      this.mode = Mode.ValueString;
      this.startToken(i, this.fed + i, selected);
      return i + 1;
    }
    if (isLiteralByte[b]) {
      this.mode = Mode.Literal;
      this.startToken(i, this.fed + i, selected);
      return i;
    }
    throw this.unexpected(buf, i, 'a value');
  }

  private close(i: number): number {
    this.arrays.pop();
    this.keys.pop();
    this.afterValue();
    return i + 1;
  }

  private afterValue(): void {
    this.mode = this.arrays.length === 0 ? Mode.Done : Mode.CommaOrEnd;
  }

  private isSelected(): boolean {
    const depth = this.keys.length;
    outer: for (const selector of this.selectors) {
      if (selector.length !== depth) continue;
      for (let d = 0; d < depth; d++) {
        const segment = selector[d];
        if (segment !== null && segment !== this.keys[d]) continue outer;
      }
      return true;
    }
    return false;
  }

  private startToken(start: number, offset: number, capture: boolean): void {
    this.tokenStart = start;
    this.tokenOffset = offset;
    this.pieces = [];
    this.piecesBytes = 0;
    this.escaped = false;
    this.capture = capture;
  }

  /** The token's bytes from its start up to `end` of the current chunk. */
  private tokenBytes(buf: Buffer, end: number): Buffer {
    const last = buf.subarray(this.tokenStart, end);
    if (this.pieces.length === 0) return last;
    const all = Buffer.concat([...this.pieces, last]);
    this.pieces = [];
    return all;
  }

  /** Inside a string (the opening quote consumed); finds the closing quote with indexOf. */
  private string(buf: Buffer, i: number): number {
    const n = buf.length;
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    if (i >= n) return n;
    const q = findStringEnd(buf, i);
    if (q < 0) {
      this.escaped = q === STRING_CONTINUES_ESCAPED;
      return n;
    }
    this.endString(buf, q);
    return q + 1;
  }

  private endString(buf: Buffer, q: number): void {
    if (this.mode === Mode.KeyString) {
      const raw = this.tokenBytes(buf, q);
      this.keys[this.keys.length - 1] = raw.includes(BACKSLASH)
        ? (this.parse(
            Buffer.concat([Buffer.from('"'), raw, Buffer.from('"')]),
            this.tokenOffset - 1,
          ) as string)
        : raw.toString('utf8');
      this.mode = Mode.Colon;
      return;
    }
    if (this.capture) this.emit(this.parse(this.tokenBytes(buf, q + 1), this.tokenOffset));
    else this.pieces = [];
    this.afterValue();
  }

  private literal(buf: Buffer, i: number): number {
    const n = buf.length;
    while (i < n && isLiteralByte[buf[i]]) i++;
    if (i === n) return n;
    const raw = this.tokenBytes(buf, i).toString('latin1');
    let value: JsonValue;
    if (raw === 'true') value = true;
    else if (raw === 'false') value = false;
    else if (raw === 'null') value = null;
    else if (NUMBER.test(raw)) value = raw;
    else throw new JsonSyntaxError(`invalid literal ${JSON.stringify(raw.slice(0, 40))}`, this.tokenOffset);
    if (this.capture) this.emit(value);
    this.afterValue();
    return i;
  }

  private cut(buf: Buffer, start: number): number {
    const end = this.container.scan(buf, start, this.fed);
    if (end === -1) return buf.length;
    let raw = this.tokenBytes(buf, end);
    raw = this.container.quoteNumbers(raw, this.tokenOffset);
    this.emit(this.parse(raw, this.tokenOffset));
    this.afterValue();
    return end;
  }

  private parse(raw: Buffer, offset: number): JsonValue {
    try {
      return JSON.parse(raw.toString('utf8')) as JsonValue;
    } catch (error) {
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message);
      throw new JsonSyntaxError(message, offset + (position ? Number(position[1]) : 0));
    }
  }

  private emit(value: JsonValue): void {
    this.listener.value(this.keys.slice(), value);
  }

  private unexpected(buf: Buffer, i: number, expected: string): JsonSyntaxError {
    return new JsonSyntaxError(`unexpected ${describe(buf, i)}, expected ${expected}`, this.fed + i);
  }
}
