import { formatMinutes, HOUR_MS, MINUTE_MS } from './overspill-metrics.js';
import type { OverspillHistory } from './overspill-types.js';

export type Band = 'ABOVE' | 'BELOW' | 'INSIDE';

/** Where utilisation sits: at/above high, at/below low, or inside the band (the hysteresis gap). */
export function bandOf(utilisation: number, low: number, high: number): Band {
  if (utilisation >= high) return 'ABOVE';
  if (utilisation <= low) return 'BELOW';
  return 'INSIDE';
}

/**
 * Dwell counters after this tick's observation. A tick inside the band resets both, so only an
 * unbroken run of ticks beyond one watermark can reach the dwell: a series that flips every tick
 * never does.
 */
export function advanceCounters(history: OverspillHistory, band: Band): { above: number; below: number } {
  switch (band) {
    case 'ABOVE':
      return { above: history.consecutiveTicksAbove + 1, below: 0 };
    case 'BELOW':
      return { above: 0, below: history.consecutiveTicksBelow + 1 };
    case 'INSIDE':
      return { above: 0, below: 0 };
  }
}

/** "3/3 ticks" while counting up to the dwell, "5 ticks (dwell 3)" past it. */
export function formatDwell(ticks: number, dwellTicks: number): string {
  return ticks <= dwellTicks ? `${ticks}/${dwellTicks} ticks` : `${ticks} ticks (dwell ${dwellTicks})`;
}

/** Moves still inside the sliding hour ending at `now` (the window is (now − 60 min, now]). */
export function movesInWindow(moves: readonly Date[], now: Date): Date[] {
  const from = now.getTime() - HOUR_MS;
  return moves.filter((t) => t.getTime() > from).sort((a, b) => a.getTime() - b.getTime());
}

/** Null when a move is allowed now, else the reason it is not. */
export function cooldownReason(lastActionAt: Date | null, cooldownMinutes: number, now: Date): string | null {
  if (lastActionAt === null) return null;
  const elapsedMs = now.getTime() - lastActionAt.getTime();
  if (elapsedMs >= cooldownMinutes * MINUTE_MS) return null;
  if (elapsedMs < 0)
    return `cooldown: last move recorded ${formatMinutes(-elapsedMs)} in the future (clock skew?)`;
  return `cooldown: last move ${formatMinutes(elapsedMs)} ago < ${cooldownMinutes} min`;
}
