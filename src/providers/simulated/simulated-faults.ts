import type { SimulatedFaultConfig } from '../../config/config.js';
import { jitterFraction } from '../../domain/migration/retry-policy.js';

export type SimulatedFault = SimulatedFaultConfig;
export type FaultMode = SimulatedFault['mode'];

export interface FaultProbe {
  /** A step kind or a compensation kind ("transfer", "delete_image"). */
  readonly operation: string;
  readonly component: string;
  readonly key: string;
  readonly attempt: number;
}

/**
 * The first fault that applies to this call, or null. A fault without `step`, `component` or
 * `attempt` matches any; `probability` is decided from the key and attempt (never Math.random),
 * so a run with injected failures replays identically and a retry of the same key can pass.
 */
export function matchFault(faults: readonly SimulatedFault[], probe: FaultProbe): FaultMode | null {
  for (const fault of faults) {
    if (fault.step !== undefined && fault.step !== probe.operation) continue;
    if (fault.component !== undefined && fault.component !== probe.component) continue;
    if (fault.attempt !== undefined && fault.attempt !== probe.attempt) continue;
    if (
      fault.probability !== undefined &&
      jitterFraction(`fault:${probe.key}#${probe.attempt}`) >= fault.probability
    )
      continue;
    return fault.mode;
  }
  return null;
}

const MODES: readonly FaultMode[] = ['fail', 'fail-permanent', 'hang', 'crash'];

/** Checks faults given by a test or a config file before they are stored. */
export function validateFaults(faults: readonly SimulatedFault[]): void {
  for (const fault of faults) {
    if (!MODES.includes(fault.mode)) throw new RangeError(`fault mode must be one of ${MODES.join(', ')}`);
    if (fault.probability !== undefined && !(fault.probability >= 0 && fault.probability <= 1))
      throw new RangeError('fault probability must be within [0, 1]');
  }
}
