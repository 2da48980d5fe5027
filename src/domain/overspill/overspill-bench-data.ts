import type {
  ActiveBurst,
  OverspillInput,
  OverspillPolicy,
  OverspillWorkload,
  TargetInstance,
} from './overspill-types.js';
import { mulberry32 } from '../seeded-random.js';

/**
 * Deterministic data for `npm run bench:overspill`: N workloads spread over S sites, each site
 * with its policy, capacity, bursts, target inventory (with a few leaks) and history. The same
 * seed gives the same data on every machine (mulberry32; no Math.random, no clock).
 *
 * Sites rotate through four situations so a tick exercises every path: full with the dwell
 * reached (selection and caps), nearly empty with bursts out (recall), inside the band (leases
 * and reconciliation only) and full with a tight vCPU cap (selection that ends in HOLD).
 */
export interface OverspillBenchOptions {
  readonly seed?: number;
  readonly sites?: number;
  readonly workloads?: number;
  readonly now?: Date;
}

export interface OverspillBench {
  readonly now: Date;
  readonly inputs: OverspillInput[];
}

export const BENCH_DEFAULTS = {
  seed: 20250303,
  sites: 50,
  workloads: 10_000,
  now: new Date('2025-03-03T12:00:00.000Z'),
} as const;

const minutesFrom = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);

const TARGETS = [
  { provider: 'aws', region: 'eu-west-2' },
  { provider: 'aws', region: 'eu-central-1' },
  { provider: 'gcp', region: 'europe-west2' },
  { provider: 'azure', region: 'uksouth' },
  { provider: 'hetzner', region: 'fsn1' },
] as const;
const TAG_POOL = ['burst', 'batch', 'stateless', 'eu-only', 'gpu'] as const;
const VCPU_SIZES = [1, 2, 4, 8, 16, 32] as const;

/** Micro-USD as a decimal string ("12.345678"), so no float ever reaches the money. */
function usdFromMicros(micros: number): string {
  const whole = Math.floor(micros / 1_000_000);
  return `${whole}.${String(micros - whole * 1_000_000).padStart(6, '0')}`;
}

export function generateOverspillBench(options: OverspillBenchOptions = {}): OverspillBench {
  const seed = options.seed ?? BENCH_DEFAULTS.seed;
  const sites = options.sites ?? BENCH_DEFAULTS.sites;
  const total = options.workloads ?? BENCH_DEFAULTS.workloads;
  const now = options.now ?? BENCH_DEFAULTS.now;
  const random = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

  const inputs: OverspillInput[] = [];
  for (let s = 0; s < sites; s++) {
    const site = `onprem-${String(s).padStart(3, '0')}`;
    const count = Math.floor(total / sites) + (s < total % sites ? 1 : 0);
    const workloads: OverspillWorkload[] = [];
    for (let i = 0; i < count; i++) {
      const vcpu = pick(VCPU_SIZES);
      const tags = TAG_POOL.filter((t) => (t === 'burst' ? random() < 0.8 : random() < 0.3));
      const target = pick(TARGETS);
      workloads.push({
        id: `${site}-w${String(i).padStart(4, '0')}`,
        name: `${site}-w${i}`,
        vcpu,
        memoryGib: vcpu * pick([2, 4, 8]),
        burstable: random() < 0.7,
        priority: int(0, 9),
        tags,
        externalPlacement:
          random() < 0.85
            ? { ...target, costPerDayUsd: usdFromMicros(vcpu * int(400_000, 1_600_000)) }
            : null,
        ...(random() < 0.5 ? { migrationCostUsd: usdFromMicros(int(0, 400_000_000)) } : {}),
      });
    }
    const situation = s % 4;
    const bursts: ActiveBurst[] = [];
    const burstCount = int(situation === 1 ? 5 : 0, 12);
    for (let b = 0; b < burstCount; b++) {
      const vcpu = pick(VCPU_SIZES.slice(0, 4));
      bursts.push({
        workloadId: `${site}-out${String(b).padStart(3, '0')}`,
        vcpu,
        memoryGib: vcpu * 4,
        burstedAt: minutesFrom(now, -int(30, 600)),
        leaseExpiresAt: minutesFrom(now, int(-10, 60)),
        target: pick(TARGETS),
        costPerDayUsd: usdFromMicros(vcpu * int(400_000, 1_600_000)),
      });
    }
    const inventory: TargetInstance[] = bursts.map((b) => ({
      ...b.target,
      workloadId: b.workloadId,
      instanceId: `i-${b.workloadId}`,
    }));
    if (s % 5 === 0) inventory.push({ ...pick(TARGETS), workloadId: null, instanceId: `i-${site}-orphan` });

    const runningVcpu = workloads.reduce((sum, w) => sum + w.vcpu, 0);
    const runningMemory = workloads.reduce((sum, w) => sum + w.memoryGib, 0);
    const utilisation = [
      0.9 + random() * 0.09,
      0.15 + random() * 0.2,
      0.5 + random() * 0.3,
      0.92 + random() * 0.07,
    ][situation];
    const policy: OverspillPolicy = {
      id: `policy-${site}`,
      site,
      metric: s % 7 === 0 ? 'MEMORY' : 'VCPU',
      highWatermark: 0.85,
      lowWatermark: 0.4,
      dwellTicks: 3,
      cooldownMinutes: 15,
      maxVcpuOut: situation === 3 ? 8 : 400,
      maxCostPerDay: situation === 3 ? '50' : '5000',
      maxMovesPerHour: situation === 0 ? 60 : 20,
      selector: { tags: ['burst'], minPriority: int(0, 3) },
      mode: s % 10 === 9 ? 'DRY_RUN' : 'ENFORCE',
      leaseMinutes: 60,
      maxMigrationCostUsd: '300',
    };
    inputs.push({
      policy,
      capacity: {
        site,
        totalVcpu: Math.ceil(runningVcpu / utilisation),
        usedVcpu: runningVcpu,
        totalMemoryGib: Math.ceil(runningMemory / utilisation),
        usedMemoryGib: runningMemory,
        observedAt: minutesFrom(now, -1),
      },
      workloads,
      bursts,
      targetInventory: inventory,
      history: {
        consecutiveTicksAbove: situation === 0 || situation === 3 ? 2 : 0,
        consecutiveTicksBelow: situation === 1 ? 2 : 0,
        lastActionAt: minutesFrom(now, -int(20, 240)),
        movesInLastHour: [minutesFrom(now, -int(20, 59))],
      },
    });
  }
  return { now, inputs };
}
