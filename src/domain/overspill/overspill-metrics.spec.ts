import { money } from '../money.js';
import {
  compareIds,
  formatMinutes,
  formatNames,
  formatRatio,
  formatUsd,
  metricAmount,
  sumUsd,
  usd,
} from './overspill-metrics.js';
import { OverspillInputError } from './overspill-types.js';

describe('overspill metrics and formats', () => {
  it.each([
    { value: 0.93, text: '0.93' },
    { value: 2 / 3, text: '0.6667' },
    { value: 0.5, text: '0.5' },
    { value: 1.06, text: '1.06' },
  ])('formatRatio($value) = $text', ({ value, text }) => expect(formatRatio(value)).toBe(text));

  it.each([
    { value: '30.50', text: '$30.5' },
    { value: '12.000001', text: '$12.000001' },
    { value: '0', text: '$0' },
  ])('formatUsd($value) = $text', ({ value, text }) => expect(formatUsd(money(value))).toBe(text));

  it('formats minutes without float noise', () => expect(formatMinutes(7 * 60_000 + 6_000)).toBe('7.1 min'));

  it('sums money exactly: 0.1 + 0.2 = 0.3', () => expect(sumUsd(['0.1', '0.2'], 'x').toFixed()).toBe('0.3'));

  it('rejects malformed money', () => expect(() => usd('1,50', 'cost')).toThrow(OverspillInputError));

  it('metricAmount picks the policy dimension', () => {
    expect(metricAmount('VCPU', { vcpu: 4, memoryGib: 16 })).toBe(4);
    expect(metricAmount('MEMORY', { vcpu: 4, memoryGib: 16 })).toBe(16);
  });

  it('compares ids by code unit, not locale', () => {
    expect(['b', 'B', 'a', 'a-2', 'a-10'].sort(compareIds)).toEqual(['B', 'a', 'a-10', 'a-2', 'b']);
  });

  it.each([
    { names: ['a', 'b'], text: 'a, b' },
    { names: ['a', 'b', 'c', 'd'], text: 'a, b, c and 1 more' },
  ])('formatNames($names)', ({ names, text }) => expect(formatNames(names, 3)).toBe(text));
});
