import { usd } from './overspill-metrics.js';
import { OverspillInputError, type OverspillInput } from './overspill-types.js';

function check(ok: boolean, message: string): void {
  if (!ok) throw new OverspillInputError(message);
}

const isFraction = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;
const isCount = (x: number) => Number.isInteger(x) && x >= 0;
const isAmount = (x: number) => Number.isFinite(x) && x >= 0;

/**
 * Rejects what cannot be decided on: watermarks that leave no hysteresis band, negative caps,
 * capacity of another site, malformed money. These are caller bugs, so they throw rather than HOLD.
 */
export function validateOverspillInput(input: OverspillInput): void {
  const { policy: p, capacity: c } = input;
  check(
    isFraction(p.highWatermark) && isFraction(p.lowWatermark),
    `policy ${p.id}: watermarks must be fractions 0–1`,
  );
  check(
    p.lowWatermark < p.highWatermark,
    `policy ${p.id}: lowWatermark ${p.lowWatermark} must be below highWatermark ${p.highWatermark}`,
  );
  check(
    Number.isInteger(p.dwellTicks) && p.dwellTicks >= 1,
    `policy ${p.id}: dwellTicks must be an integer ≥ 1`,
  );
  check(isAmount(p.cooldownMinutes), `policy ${p.id}: cooldownMinutes must be ≥ 0`);
  check(isAmount(p.maxVcpuOut), `policy ${p.id}: maxVcpuOut must be ≥ 0`);
  check(isCount(p.maxMovesPerHour), `policy ${p.id}: maxMovesPerHour must be an integer ≥ 0`);
  check(
    !usd(p.maxCostPerDay, `policy ${p.id} maxCostPerDay`).isNegative(),
    `policy ${p.id}: maxCostPerDay must be ≥ 0`,
  );
  if (p.maxMigrationCostUsd !== undefined) usd(p.maxMigrationCostUsd, `policy ${p.id} maxMigrationCostUsd`);
  check(
    p.leaseMinutes === undefined || (Number.isFinite(p.leaseMinutes) && p.leaseMinutes > 0),
    `policy ${p.id}: leaseMinutes must be > 0`,
  );
  check(
    p.maxObservationAgeMinutes === undefined || isAmount(p.maxObservationAgeMinutes),
    `policy ${p.id}: maxObservationAgeMinutes must be ≥ 0`,
  );
  check(c.site === p.site, `capacity is for site ${c.site}, policy ${p.id} is for site ${p.site}`);
  for (const x of [c.totalVcpu, c.usedVcpu, c.totalMemoryGib, c.usedMemoryGib]) {
    check(isAmount(x), `capacity of ${c.site}: amounts must be finite and ≥ 0`);
  }
  for (const w of input.workloads) {
    check(isAmount(w.vcpu) && isAmount(w.memoryGib), `workload ${w.id}: vcpu and memoryGib must be ≥ 0`);
  }
  for (const p of input.pendingMoves ?? []) {
    check(
      isAmount(p.vcpu) && isAmount(p.memoryGib),
      `pending move of ${p.workloadId}: vcpu and memoryGib must be ≥ 0`,
    );
  }
  for (const b of input.bursts) {
    check(
      isAmount(b.vcpu) && isAmount(b.memoryGib),
      `burst of ${b.workloadId}: vcpu and memoryGib must be ≥ 0`,
    );
  }
}
