import { compareIds, formatMinutes, MINUTE_MS } from './overspill-metrics.js';
import type {
  ActiveBurst,
  ExpiredLease,
  LeakedInstance,
  LeaseRenewal,
  MissingBurst,
  TargetInstance,
} from './overspill-types.js';

const where = (t: { provider: string; region: string }) => `${t.provider}/${t.region}`;

/**
 * Matches the targets' inventory against the active bursts. An instance no burst accounts for is a
 * leak (an idle cloud node left billing): untagged, tagged with a workload that is not out, in
 * another target than its burst, or a second instance for the same burst (the lowest instance id is
 * kept). A burst with no instance is missing: its workload may be running nowhere.
 * The inventory must be scoped to this policy's bursts, or other policies' instances show as leaks.
 */
export function reconcileInventory(
  bursts: readonly ActiveBurst[],
  inventory: readonly TargetInstance[],
): { leaks: LeakedInstance[]; missing: MissingBurst[] } {
  const byWorkload = new Map(bursts.map((b) => [b.workloadId, b]));
  const matched = new Map<string, string>();
  const leaks: LeakedInstance[] = [];
  const sorted = [...inventory].sort(
    (a, b) =>
      compareIds(a.provider, b.provider) ||
      compareIds(a.region, b.region) ||
      compareIds(a.instanceId, b.instanceId),
  );
  for (const i of sorted) {
    const leak = (reason: string) =>
      leaks.push({
        provider: i.provider,
        region: i.region,
        instanceId: i.instanceId,
        workloadId: i.workloadId,
        reason,
      });
    const burst = i.workloadId === null ? undefined : byWorkload.get(i.workloadId);
    if (i.workloadId === null)
      leak(`untagged instance ${i.instanceId} in ${where(i)}: no burst accounts for it`);
    else if (burst === undefined)
      leak(
        `instance ${i.instanceId} in ${where(i)} runs ${i.workloadId}, which has no active burst (recalled or never bursted)`,
      );
    else if (burst.target.provider !== i.provider || burst.target.region !== i.region) {
      leak(
        `instance ${i.instanceId} in ${where(i)} runs ${i.workloadId}, whose burst is in ${where(burst.target)}`,
      );
    } else if (matched.has(i.workloadId))
      leak(
        `duplicate instance ${i.instanceId} for ${i.workloadId}: ${matched.get(i.workloadId)} already serves it`,
      );
    else matched.set(i.workloadId, i.instanceId);
  }
  const missing = bursts
    .filter((b) => !matched.has(b.workloadId))
    .sort((a, b) => compareIds(a.workloadId, b.workloadId))
    .map((b) => ({
      workloadId: b.workloadId,
      target: b.target,
      reason: `no instance reported by ${where(b.target)} for bursted ${b.workloadId}: it may have been torn down`,
    }));
  return { leaks, missing };
}

/**
 * Leases. Every burst this tick keeps out (not recalled, not missing) is still needed: its lease is
 * renewed to now + leaseMinutes once less than half of a lease remains, so renewals cost one write
 * per half-lease instead of one per tick. A lease already past at `now` means ticks were missed for
 * longer than a lease; it is reported, and renewed only if the inventory still shows the instance
 * (or no inventory was given), since the target's reaper may have removed it.
 */
export function leaseFindings(
  bursts: readonly ActiveBurst[],
  recalledIds: ReadonlySet<string>,
  missingIds: ReadonlySet<string>,
  leaseMinutes: number,
  now: Date,
): { renewals: LeaseRenewal[]; expired: ExpiredLease[] } {
  const leaseMs = leaseMinutes * MINUTE_MS;
  const renewals: LeaseRenewal[] = [];
  const expired: ExpiredLease[] = [];
  const sorted = [...bursts].sort((a, b) => compareIds(a.workloadId, b.workloadId));
  for (const b of sorted) {
    const remainingMs = b.leaseExpiresAt.getTime() - now.getTime();
    const held = !recalledIds.has(b.workloadId) && !missingIds.has(b.workloadId);
    if (remainingMs <= 0) {
      const fate = recalledIds.has(b.workloadId)
        ? 'being recalled'
        : missingIds.has(b.workloadId)
          ? 'no instance reported: not renewed'
          : 'renewed: still out';
      expired.push({
        workloadId: b.workloadId,
        target: b.target,
        leaseExpiresAt: b.leaseExpiresAt,
        reason: `lease of ${b.workloadId} in ${where(b.target)} expired ${formatMinutes(-remainingMs)} ago: renewals were missed; ${fate}`,
      });
    }
    if (held && remainingMs <= leaseMs / 2)
      renewals.push({ workloadId: b.workloadId, leaseExpiresAt: new Date(now.getTime() + leaseMs) });
  }
  return { renewals, expired };
}
