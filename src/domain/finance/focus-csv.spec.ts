import { parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import { accrueDay } from './accrue-day.js';
import { deployment } from './finance-fixtures.js';
import { FOCUS_EXPORT_COLUMNS } from './focus-columns.js';
import { focusCsvLines, formatCsvField, formatFocusCsvRow } from './focus-csv.js';

describe('formatCsvField', () => {
  it.each<[string, unknown, string]>([
    ['null is the empty field', null, ''],
    ['an empty string is quoted to stay apart from null', '', '""'],
    ['plain text as is', 'AWS', 'AWS'],
    ['a comma is quoted', 'Amazon Web Services, Inc.', '"Amazon Web Services, Inc."'],
    ['quotes are doubled', 'the "big" one', '"the ""big"" one"'],
    ['a line break is quoted', 'a\nb', '"a\nb"'],
    ['surrounding spaces are kept by quoting', ' org', '" org"'],
    ['a decimal prints without exponent', new Decimal('1e-7'), '0.0000001'],
    ['a decimal string is kept as given', '0.00000080000', '0.00000080000'],
    ['a Date is ISO 8601 Z', new Date('2026-03-15T12:00:00Z'), '2026-03-15T12:00:00Z'],
    ['tags are JSON with sorted keys', { team: 'a,b', env: 'prod' }, '"{""env"":""prod"",""team"":""a,b""}"'],
  ])('%s', (_name, value, expected) => {
    expect(formatCsvField(value)).toBe(expected);
  });

  it('refuses a float', () => {
    expect(() => formatCsvField(0.1 + 0.2)).toThrow(TypeError);
  });
});

describe('focus CSV export', () => {
  it('round-trips through an RFC 4180 parser with the same values', () => {
    const rows = accrueDay(
      '2026-03-15',
      [deployment('d1', { count: 2, tags: { env: 'prod', owner: 'Smith, "J"' } })],
      [],
    ).rows;
    const text = [...focusCsvLines(rows)].join('');
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed: Record<string, string>[] = parse<Record<string, string>>(text, { columns: true });
    expect(Object.keys(parsed[0] ?? {})).toEqual(FOCUS_EXPORT_COLUMNS);
    expect(parsed[0]).toMatchObject({
      BilledCost: '9.216',
      ChargePeriodStart: '2026-03-15T00:00:00Z',
      ChargeClass: '',
      Tags: '{"env":"prod","owner":"Smith, \\"J\\""}',
      x_Basis: 'ESTIMATED',
    });
  });

  it('writes a missing column as null', () => {
    expect(formatFocusCsvRow({ BilledCost: '1.5' }, ['BilledCost', 'ListCost'])).toBe('1.5,');
  });
});
