import { Command, InvalidArgumentError, Option } from 'commander';
import { PURCHASE_OPTIONS, type PurchaseOption } from '../domain/catalog/catalog-enums.js';
import { toPlacementOptions } from '../placement/graphql/placement.mapper.js';
import { PlacementService } from '../placement/placement.service.js';
import type { UserLocationSpec, WorkloadSpec } from '../workloads/workload-spec.js';
import type { CliRunner } from './cli-runner.js';
import { printJson, printTable } from './output.js';

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function positive(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a number ≥ 0`);
    return n;
  };
}

/** "50.11,8.68:2;48.85,2.35" → users with weights (default 1). */
export function parseUsers(value: string): UserLocationSpec[] {
  return value
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/.exec(entry);
      if (!match) throw new InvalidArgumentError(`users: "${entry}" is not <lat>,<lon>[:weight]`);
      return {
        latitude: Number(match[1]),
        longitude: Number(match[2]),
        weight: match[3] ? Number(match[3]) : 1,
      };
    });
}

function parseGpu(value: string): { model: string; count: number } {
  const match = /^([^:]+)(?::(\d+))?$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('gpu must be <model>[:<count>], e.g. A100:2');
  return { model: match[1], count: match[2] ? Number(match[2]) : 1 };
}

interface PlaceOptions {
  vcpu: number;
  memory: number;
  count: number;
  gpu?: { model: string; count: number };
  arch?: string;
  storage?: number;
  country?: string[];
  forbidCountry?: string[];
  regime?: string[];
  forbidRegime?: string[];
  minAvailability?: number;
  users?: UserLocationSpec[];
  maxLatency?: number;
  purchaseOption?: string[];
  provider?: string[];
  forbidProvider?: string[];
  budget?: number;
  weights?: string;
  regionsCount?: number;
  limit: number;
  json?: boolean;
}

export function placeCommand(run: CliRunner): Command {
  return new Command('place')
    .description(
      'where should a workload of one component run, and why there (the same answer as GraphQL placementOptions)',
    )
    .requiredOption('--vcpu <n>', 'vCPU per instance (at least)', positive('vcpu'))
    .requiredOption('--memory <GiB>', 'memory per instance in GiB (at least)', positive('memory'))
    .option('--count <n>', 'instances', positive('count'), 1)
    .option('--gpu <model:n>', 'GPU model and count per instance, e.g. A100:2', parseGpu)
    .addOption(new Option('--arch <arch>').choices(['x86_64', 'arm64']))
    .option('--storage <GiB>', 'storage per instance in GiB', positive('storage'))
    .option('--country <list>', 'allowed countries, e.g. DE,FR', list)
    .option('--forbid-country <list>', 'forbidden countries', list)
    .option('--regime <list>', 'regimes that must apply, e.g. EU_GDPR', list)
    .option('--forbid-regime <list>', 'regimes that must not apply, e.g. US_CLOUD_ACT', list)
    .option('--min-availability <pct>', 'e.g. 99.95', positive('min-availability'))
    .option('--users <lat,lon[:w];…>', 'user locations with weights', parseUsers)
    .option('--max-latency <ms>', 'round trip to every user, ms', positive('max-latency'))
    .option('--purchase-option <list>', `one or more of ${PURCHASE_OPTIONS.join(', ')}`, list)
    .option('--provider <list>', 'allowed providers, e.g. aws,azure', list)
    .option('--forbid-provider <list>', 'forbidden providers', list)
    .option('--budget <usd>', 'maximum monthly cost, USD', positive('budget'))
    .option(
      '--weights <cost,latency,availability,carbon>',
      'criterion weights, e.g. 1,1,0,0 (default 1,0,0,0)',
    )
    .option('--regions-count <n>', 'replicas across n regions of one provider', positive('regions-count'))
    .option('--limit <n>', 'options to show', positive('limit'), 10)
    .option('--json', 'print the placementOptions object as JSON')
    .action((opts: PlaceOptions) =>
      run(async (ctx) => {
        const purchaseOptions = opts.purchaseOption?.map((p) => p.toUpperCase());
        const bad = purchaseOptions?.find((p) => !(PURCHASE_OPTIONS as readonly string[]).includes(p));
        if (bad) throw new InvalidArgumentError(`unknown purchase option ${bad}`);
        const spec: WorkloadSpec = {
          name: 'cli',
          components: [
            {
              name: 'app',
              count: opts.count,
              vcpu: opts.vcpu,
              memoryGib: opts.memory,
              gpuModel: opts.gpu?.model ?? null,
              gpuCount: opts.gpu?.count ?? null,
              arch: (opts.arch as WorkloadSpec['components'][number]['arch']) ?? null,
              storageGib: opts.storage ?? null,
            },
          ],
          users: opts.users ?? [],
          constraints: {
            countries: opts.country?.map((c) => c.toUpperCase()),
            forbidCountries: opts.forbidCountry?.map((c) => c.toUpperCase()),
            regimes: opts.regime,
            forbidRegimes: opts.forbidRegime,
            minAvailability: opts.minAvailability,
            maxLatencyMs: opts.maxLatency,
            providers: opts.provider,
            forbidProviders: opts.forbidProvider,
            purchaseOptions: purchaseOptions as PurchaseOption[] | undefined,
            maxMonthlyBudget: opts.budget,
          },
          regionsCount: opts.regionsCount,
        };
        const weights = opts.weights ? parseWeights(opts.weights) : null;
        const answer = await ctx.app
          .get(PlacementService)
          .placementOptions(
            { tenant: 'default', name: 'cli' },
            { workload: spec, weights, limit: opts.limit },
          );
        const result = toPlacementOptions(answer);
        if (opts.json) return printJson(result);
        printTable(
          result.options.map((o) => ({
            '#': o.rank,
            provider: o.provider,
            regions: o.regions.join('+'),
            instances: o.components.map((c) => `${c.count}× ${c.instanceType ?? c.pricing}`).join(', '),
            'USD/month': o.monthlyCost.total,
            'avail %': o.availability,
            'latency ms': o.latencyMs === null ? null : o.latencyMs.toFixed(1),
            'kgCO2e/mo': o.carbonKgPerMonth === null ? null : o.carbonKgPerMonth.toFixed(1),
            score: o.score.toFixed(3),
            pareto: o.pareto ? 'yes' : '',
          })),
          [
            '#',
            'provider',
            'regions',
            'instances',
            'USD/month',
            'avail %',
            'latency ms',
            'kgCO2e/mo',
            'score',
            'pareto',
          ],
        );
        for (const r of result.rejected) process.stdout.write(`why not ${r.provider}: ${r.reason}\n`);
        for (const note of result.notes) process.stdout.write(`note: ${note}\n`);
      }),
    );
}

function parseWeights(text: string) {
  const parts = text.split(',').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new InvalidArgumentError('weights must be four numbers ≥ 0: cost,latency,availability,carbon');
  }
  const [cost, latency, availability, carbon] = parts as [number, number, number, number];
  return { cost, latency, availability, carbon };
}
