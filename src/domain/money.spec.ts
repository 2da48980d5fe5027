import { parseDecimal, plainDecimalText, toNumericString } from './money.js';

describe('plainDecimalText', () => {
  it.each([
    '0.0104000000',
    '0.0000000000',
    '0',
    '000',
    '007',
    '100',
    '100.500',
    '12345678901234567890.0000000001',
    '0.00000001',
    '5.',
  ])('prints %s as Decimal does', (raw) => {
    const decimal = parseDecimal(raw);
    expect(plainDecimalText(raw)).toBe(decimal ? toNumericString(decimal) : null);
  });

  it.each(['-1', '+1', '1e-7', ' 1', '.5', '', 'NaN', '1.2.3', '0x10'])(
    'leaves %j to parseDecimal',
    (raw) => {
      expect(plainDecimalText(raw)).toBeNull();
    },
  );
});
