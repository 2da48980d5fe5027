import { UNDO_RANK } from './migration-steps.js';
import type { MigrationStep } from './migration-types.js';
import { enqueueCompensation, nowIso, patchStep, setState, type Draft } from './transition-draft.js';

/**
 * A step needs undoing when an attempt of it started (attempts > 0: its effect may exist, even
 * if it failed half-way or its worker was lost) and it has not been undone yet.
 */
export function needsCompensation(s: MigrationStep): boolean {
  return s.attempts > 0 && (s.state === 'SUCCEEDED' || s.state === 'FAILED' || s.state === 'PENDING');
}

/**
 * Which step to undo next: by UNDO_RANK (service first), then newest first. Steps with nothing
 * to undo rank with the clean-ups so the record reads in reverse order.
 */
export function nextToCompensate(steps: readonly MigrationStep[]): MigrationStep | null {
  const rank = (s: MigrationStep) =>
    s.compensation === null ? UNDO_RANK.release_target : UNDO_RANK[s.compensation];
  const pending = steps.filter(needsCompensation).sort((a, b) => rank(a) - rank(b) || b.index - a.index);
  return pending[0] ?? null;
}

/**
 * Moves an unwinding migration forward by one compensation job. Waits while a forward step is
 * still in flight (cancel cannot kill a running job: its outcome arrives later and is undone
 * too) or a compensation is running. Steps with nothing to undo are marked COMPENSATED on the
 * way. When nothing is left, lands in CANCELLED or ROLLED_BACK.
 */
export function continueUnwind(d: Draft): void {
  if (d.state !== 'CANCELLING' && d.state !== 'ROLLING_BACK') return;
  if (d.steps.some((s) => s.state === 'RUNNING' || s.state === 'COMPENSATING')) return;
  for (;;) {
    const step = nextToCompensate(d.steps);
    if (step === null) {
      const final = d.state === 'CANCELLING' ? 'CANCELLED' : 'ROLLED_BACK';
      setState(d, final, 'every started step is undone; the source serves');
      return;
    }
    if (step.compensation === null) {
      patchStep(
        d,
        step.index,
        { state: 'COMPENSATED', notBefore: null },
        `${step.kind} has nothing of its own to undo`,
      );
      continue;
    }
    const started = patchStep(
      d,
      step.index,
      { state: 'COMPENSATING', compensationAttempts: 1, notBefore: nowIso(d) },
      `undo ${step.kind} with ${step.compensation}`,
    );
    enqueueCompensation(d, started, nowIso(d));
    return;
  }
}
