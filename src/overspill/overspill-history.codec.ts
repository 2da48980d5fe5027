import type { OverspillHistory } from '../domain/overspill/overspill-types.js';

const EMPTY: OverspillHistory = {
  consecutiveTicksAbove: 0,
  consecutiveTicksBelow: 0,
  lastActionAt: null,
  movesInLastHour: [],
};

/** JSON as stored → the domain's history, with Date objects (the domain compares getTime()). */
export function historyFromJson(json: Record<string, unknown> | null): OverspillHistory {
  if (json === null) return EMPTY;
  const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
  const date = (v: unknown) => {
    const d = typeof v === 'string' ? new Date(v) : null;
    return d !== null && !Number.isNaN(d.getTime()) ? d : null;
  };
  const moves = Array.isArray(json.movesInLastHour) ? json.movesInLastHour : [];
  return {
    consecutiveTicksAbove: count(json.consecutiveTicksAbove),
    consecutiveTicksBelow: count(json.consecutiveTicksBelow),
    lastActionAt: date(json.lastActionAt),
    movesInLastHour: moves.map(date).filter((d): d is Date => d !== null),
  };
}

export function historyToJson(history: OverspillHistory): Record<string, unknown> {
  return {
    consecutiveTicksAbove: history.consecutiveTicksAbove,
    consecutiveTicksBelow: history.consecutiveTicksBelow,
    lastActionAt: history.lastActionAt?.toISOString() ?? null,
    movesInLastHour: history.movesInLastHour.map((d) => d.toISOString()),
  };
}
