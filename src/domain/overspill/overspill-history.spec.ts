import { advanceCounters, bandOf, cooldownReason, formatDwell, movesInWindow } from './overspill-history.js';
import { aHistory, ago, later, NOW } from './overspill-fixtures.js';

describe('bandOf', () => {
  it.each([
    { name: 'exactly high is above', u: 0.85, band: 'ABOVE' },
    { name: 'exactly low is below', u: 0.4, band: 'BELOW' },
    { name: 'between is inside', u: 0.6, band: 'INSIDE' },
    { name: 'just under high is inside', u: 0.8499, band: 'INSIDE' },
  ])('$name', ({ u, band }) => expect(bandOf(u, 0.4, 0.85)).toBe(band));
});

describe('advanceCounters', () => {
  it.each([
    {
      name: 'above counts up and clears below',
      history: aHistory({ consecutiveTicksAbove: 2, consecutiveTicksBelow: 0 }),
      band: 'ABOVE' as const,
      out: { above: 3, below: 0 },
    },
    {
      name: 'below counts up and clears above',
      history: aHistory({ consecutiveTicksAbove: 4 }),
      band: 'BELOW' as const,
      out: { above: 0, below: 1 },
    },
    {
      name: 'inside the band resets both',
      history: aHistory({ consecutiveTicksAbove: 2, consecutiveTicksBelow: 0 }),
      band: 'INSIDE' as const,
      out: { above: 0, below: 0 },
    },
  ])('$name', ({ history, band, out }) => expect(advanceCounters(history, band)).toEqual(out));
});

describe('formatDwell', () => {
  it.each([
    { ticks: 2, dwell: 3, text: '2/3 ticks' },
    { ticks: 3, dwell: 3, text: '3/3 ticks' },
    { ticks: 5, dwell: 3, text: '5 ticks (dwell 3)' },
  ])('$ticks of $dwell', ({ ticks, dwell, text }) => expect(formatDwell(ticks, dwell)).toBe(text));
});

describe('movesInWindow', () => {
  it.each([
    { name: 'exactly 60 min ago has left the window', moves: [ago(60), ago(59)], kept: [ago(59)] },
    { name: 'sorted oldest first', moves: [ago(5), ago(30)], kept: [ago(30), ago(5)] },
    { name: 'empty', moves: [], kept: [] },
  ])('$name', ({ moves, kept }) => expect(movesInWindow(moves, NOW)).toEqual(kept));
});

describe('cooldownReason', () => {
  it.each([
    { name: 'never moved', last: null, reason: null },
    { name: '7 of 15 minutes', last: ago(7), reason: 'cooldown: last move 7 min ago < 15 min' },
    { name: 'exactly 15 minutes is over', last: ago(15), reason: null },
    { name: 'fractional minutes', last: ago(2.5), reason: 'cooldown: last move 2.5 min ago < 15 min' },
    {
      name: 'a future timestamp (clock skew) still cools down',
      last: later(1),
      reason: 'cooldown: last move recorded 1 min in the future (clock skew?)',
    },
  ])('$name', ({ last, reason }) => expect(cooldownReason(last, 15, NOW)).toBe(reason));
});
