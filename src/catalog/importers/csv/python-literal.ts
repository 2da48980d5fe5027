/**
 * Parses the Python `repr` of dicts, lists and scalars that SkyPilot writes into CSV cells
 * (GpuInfo, VCpuInfo, MemoryInfo from boto3: `{'Gpus': [{'Name': 'T4', 'Count': 1}], 'X': True}`).
 * Only literals: strings, numbers, True/False/None, lists, tuples and dicts. Returns undefined
 * when the text is not such a literal (SkyPilot's GCP catalog puts a bare name there).
 */
export function parsePythonLiteral(text: string): unknown {
  const parser = new LiteralParser(text);
  try {
    const value = parser.value();
    parser.skipSpace();
    return parser.atEnd() ? value : undefined;
  } catch {
    return undefined;
  }
}

class LiteralParser {
  private i = 0;

  constructor(private readonly s: string) {}

  atEnd(): boolean {
    return this.i >= this.s.length;
  }

  skipSpace(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  value(): unknown {
    this.skipSpace();
    const c = this.s[this.i];
    if (c === '{') return this.dict();
    if (c === '[') return this.sequence(']');
    if (c === '(') return this.sequence(')');
    if (c === "'" || c === '"') return this.string(c);
    const word = /^(True|False|None)\b/.exec(this.s.slice(this.i));
    if (word) {
      this.i += word[1].length;
      return word[1] === 'True' ? true : word[1] === 'False' ? false : null;
    }
    const number = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (number) {
      this.i += number[0].length;
      return Number(number[0]);
    }
    throw new Error(`unexpected ${c ?? 'end'} at ${this.i}`);
  }

  private expect(c: string): void {
    this.skipSpace();
    if (this.s[this.i] !== c) throw new Error(`expected ${c} at ${this.i}`);
    this.i++;
  }

  private dict(): Record<string, unknown> {
    this.expect('{');
    const out: Record<string, unknown> = {};
    this.skipSpace();
    while (this.s[this.i] !== '}') {
      const key = this.value();
      this.expect(':');
      out[String(key)] = this.value();
      this.skipSpace();
      if (this.s[this.i] === ',') this.i++;
      this.skipSpace();
      if (this.atEnd()) throw new Error('unterminated dict');
    }
    this.i++;
    return out;
  }

  private sequence(close: string): unknown[] {
    this.i++;
    const out: unknown[] = [];
    this.skipSpace();
    while (this.s[this.i] !== close) {
      out.push(this.value());
      this.skipSpace();
      if (this.s[this.i] === ',') this.i++;
      this.skipSpace();
      if (this.atEnd()) throw new Error('unterminated sequence');
    }
    this.i++;
    return out;
  }

  private string(quote: string): string {
    this.i++;
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== quote) {
      if (this.s[this.i] === '\\' && this.i + 1 < this.s.length) this.i++;
      out += this.s[this.i];
      this.i++;
    }
    if (this.atEnd()) throw new Error('unterminated string');
    this.i++;
    return out;
  }
}
