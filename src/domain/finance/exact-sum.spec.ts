import { Decimal } from 'decimal.js';
import { canonicalDecimal, ExactSum, sumDecimals } from './exact-sum.js';

describe('ExactSum', () => {
  it.each<[string, (string | Decimal)[], string]>([
    ['nothing is zero', [], '0'],
    ['0.1 + 0.2 is 0.3', ['0.1', '0.2'], '0.3'],
    ['scales grow to the longest fraction', ['1', '0.00000080000', '0.5'], '1.5000008'],
    ['negatives and credits', ['-2.6137', '2.6137', '-0.15189756178'], '-0.15189756178'],
    ['a sum that returns to zero prints 0, not -0', ['-1.5', '1.5'], '0'],
    ['a leading plus is read', ['+1.25'], '1.25'],
    ['decimal.js values', [new Decimal('1e-7'), new Decimal('2')], '2.0000001'],
    [
      'large totals do not lose digits',
      ['12345678901234567890.123456789', '0.000000001'],
      '12345678901234567890.12345679',
    ],
  ])('%s', (_name, values, expected) => {
    expect(sumDecimals(values)).toBe(expected);
  });

  it('refuses what is not a plain decimal', () => {
    expect(() => new ExactSum().add('1e-7')).toThrow(RangeError);
    expect(() => new ExactSum().add('1,5')).toThrow(RangeError);
  });

  it('prints a canonical form', () => {
    expect(canonicalDecimal('0.19200000000')).toBe('0.192');
    expect(canonicalDecimal('13.00000000000')).toBe('13');
  });
});
