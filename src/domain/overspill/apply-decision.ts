import type {
  ActiveBurst,
  OverspillDecision,
  OverspillHistory,
  OverspillWorkload,
  SiteCapacity,
  TargetInstance,
} from './overspill-types.js';

/** What a site looks like between ticks, as a simulation or an integration test tracks it. */
export interface OverspillState {
  readonly capacity: SiteCapacity;
  /** Running on the site. */
  readonly workloads: readonly OverspillWorkload[];
  readonly bursts: readonly ActiveBurst[];
  /** The definitions of the workloads that are out, so a recall can bring them back whole. */
  readonly burstedWorkloads: readonly OverspillWorkload[];
  readonly history: OverspillHistory;
  readonly targetInventory?: readonly TargetInstance[];
}

/** The instance id a simulated target gives a burst; real targets return their own. */
export function simulatedInstanceId(workloadId: string): string {
  return `sim-${workloadId}`;
}

/**
 * The state after the scheduler carries out `decision` (pure; the input is not modified):
 * moved workloads leave or rejoin the site with their vCPU and memory, bursts are opened with the
 * decision's lease or closed, leases are renewed, leaked instances are terminated, and the
 * history becomes decision.nextHistory. A DRY_RUN decision changes nothing but the history.
 */
export function applyDecision(state: OverspillState, decision: OverspillDecision): OverspillState {
  if (decision.dryRun) return { ...state, history: decision.nextHistory };
  const running = new Map(state.workloads.map((w) => [w.id, w]));
  const away = new Map(state.burstedWorkloads.map((w) => [w.id, w]));
  const bursts = new Map(state.bursts.map((b) => [b.workloadId, b]));
  let inventory = state.targetInventory === undefined ? undefined : [...state.targetInventory];
  let { usedVcpu, usedMemoryGib } = state.capacity;

  for (const move of decision.moves) {
    if (move.kind === 'BURST') {
      const workload = running.get(move.workloadId);
      if (workload === undefined)
        throw new Error(`applyDecision: ${move.workloadId} is not running on the site`);
      running.delete(move.workloadId);
      away.set(move.workloadId, workload);
      bursts.set(move.workloadId, {
        workloadId: move.workloadId,
        vcpu: move.vcpu,
        memoryGib: move.memoryGib,
        burstedAt: decision.decidedAt,
        leaseExpiresAt: move.leaseExpiresAt ?? decision.decidedAt,
        target: move.target,
        costPerDayUsd: move.costPerDayUsd,
      });
      usedVcpu -= move.vcpu;
      usedMemoryGib -= move.memoryGib;
      inventory?.push({
        ...move.target,
        workloadId: move.workloadId,
        instanceId: simulatedInstanceId(move.workloadId),
      });
    } else {
      const workload = away.get(move.workloadId);
      if (workload === undefined) throw new Error(`applyDecision: ${move.workloadId} is not bursted`);
      away.delete(move.workloadId);
      running.set(move.workloadId, workload);
      bursts.delete(move.workloadId);
      usedVcpu += move.vcpu;
      usedMemoryGib += move.memoryGib;
      inventory = inventory?.filter((i) => i.workloadId !== move.workloadId);
    }
  }
  for (const renewal of decision.leaseRenewals) {
    const burst = bursts.get(renewal.workloadId);
    if (burst !== undefined)
      bursts.set(renewal.workloadId, { ...burst, leaseExpiresAt: renewal.leaseExpiresAt });
  }
  const leaked = new Set(decision.leaks.map((l) => `${l.provider}\u0000${l.region}\u0000${l.instanceId}`));
  inventory = inventory?.filter((i) => !leaked.has(`${i.provider}\u0000${i.region}\u0000${i.instanceId}`));

  return {
    capacity: { ...state.capacity, usedVcpu, usedMemoryGib },
    workloads: [...running.values()],
    bursts: [...bursts.values()],
    burstedWorkloads: [...away.values()],
    history: decision.nextHistory,
    ...(inventory === undefined ? {} : { targetInventory: inventory }),
  };
}
