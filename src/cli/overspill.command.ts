import { Command, InvalidArgumentError, Option } from 'commander';
import { InvalidInputError } from '../common/errors.js';
import { toDecision, toPolicy, toSiteLoad, toSiteStatus } from '../overspill/graphql/overspill.mapper.js';
import type { OverspillPolicyEntity } from '../overspill/entities/overspill-policy.entity.js';
import { OverspillPolicyService, type PolicySpec } from '../overspill/overspill-policy.service.js';
import { OverspillStatusService } from '../overspill/overspill-status.service.js';
import { OverspillService } from '../overspill/overspill.service.js';
import { SiteLoadService } from '../overspill/site-load.service.js';
import type { Actor } from '../workloads/workload.service.js';
import type { ConstraintsSpec } from '../workloads/workload-spec.js';
import type { CliRunner } from './cli-runner.js';
import { printJson, printTable } from './output.js';

interface Common {
  json?: boolean;
  tenant: string;
}

interface PolicyFlags extends Common {
  site?: string;
  schedule?: string;
  metric?: 'VCPU' | 'MEMORY';
  high?: number;
  low?: number;
  dwell?: number;
  cooldown?: number;
  maxVcpuOut?: number;
  maxCostPerDay?: string;
  maxMovesPerHour?: number;
  tags?: string[];
  minPriority?: number;
  constraints?: ConstraintsSpec;
  mode?: 'DRY_RUN' | 'ENFORCE';
  lease?: number;
}

/** The CLI opens the database itself, so it acts with full rights, recorded as cli:<user>. */
const cliActor = (tenant: string): Actor => ({ tenant, name: `cli:${process.env.USER ?? 'unknown'}` });

const number = (value: string) => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`not a number: ${value}`);
  return n;
};
const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const json = (value: string) => {
  try {
    return JSON.parse(value) as ConstraintsSpec;
  } catch {
    throw new InvalidArgumentError(
      'not JSON, e.g. {"countries":["DE","NL"],"providerKinds":["PUBLIC_CLOUD"]}',
    );
  }
};
function instant(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError(`not a date: ${value}`);
  return date;
}

function policyFlags(c: Command, creating: boolean): Command {
  const need = (flags: string, description: string) =>
    creating ? c.requiredOption(flags, description) : c.option(flags, description);
  need('--site <provider/region>', 'the on-prem site, e.g. onprem-frankfurt/fra1');
  need('--schedule <cron>', 'node-cron expression in UTC, e.g. "*/5 * * * *"');
  c.option('--high <fraction>', 'high watermark 0–1: burst at or above', number);
  c.option('--low <fraction>', 'low watermark 0–1, below high: recall at or below', number);
  c.addOption(new Option('--metric <metric>').choices(['VCPU', 'MEMORY']));
  c.option('--dwell <ticks>', 'ticks beyond a watermark before acting (default 3)', number);
  c.option('--cooldown <minutes>', 'no move within this long of the last (default 15)', number);
  c.option('--max-vcpu-out <vcpu>', 'cap on the vCPU of all bursts', number);
  c.option('--max-cost-per-day <usd>', 'cap on the cost per day of all bursts (USD)');
  c.option('--max-moves-per-hour <n>', 'cap on workloads moved in any hour', number);
  c.option('--tags <list>', 'selector: tags a workload must all carry', list);
  c.option('--min-priority <n>', 'selector: lowest priority that may move', number);
  c.option('--constraints <json>', 'target constraints, as placement takes them', json);
  c.addOption(new Option('--mode <mode>').choices(['DRY_RUN', 'ENFORCE']));
  c.option('--lease <minutes>', 'lease of each burst (default 60)', number);
  return common(c);
}

function common(c: Command): Command {
  return c.option('--json', 'print JSON').option('--tenant <tenant>', 'the tenant whose policies', 'default');
}

/** Flags over the current policy (update) or the defaults (create). */
function specOf(opts: PolicyFlags, current: OverspillPolicyEntity | null): PolicySpec {
  const required = <T>(value: T | undefined, fallback: T | undefined, flag: string): T => {
    const v = value ?? fallback;
    if (v === undefined) throw new InvalidInputError('is required', flag);
    return v;
  };
  return {
    site: required(opts.site, current?.site, '--site'),
    schedule: required(opts.schedule, current?.schedule, '--schedule'),
    metric: opts.metric ?? current?.metric ?? 'VCPU',
    highWatermark: required(opts.high, current?.highWatermark, '--high'),
    lowWatermark: required(opts.low, current?.lowWatermark, '--low'),
    dwellTicks: opts.dwell ?? current?.dwellTicks ?? 3,
    cooldownMinutes: opts.cooldown ?? current?.cooldownMinutes ?? 15,
    maxVcpuOut: required(opts.maxVcpuOut, current?.maxVcpuOut, '--max-vcpu-out'),
    maxCostPerDay: required(opts.maxCostPerDay, current?.maxCostPerDay, '--max-cost-per-day'),
    maxMovesPerHour: required(opts.maxMovesPerHour, current?.maxMovesPerHour, '--max-moves-per-hour'),
    selector: {
      tags: opts.tags ?? current?.selectorTags ?? [],
      minPriority: opts.minPriority ?? current?.selectorMinPriority ?? 0,
    },
    targetConstraints: opts.constraints ?? current?.targetConstraints ?? null,
    mode: opts.mode ?? current?.mode ?? 'DRY_RUN',
    leaseMinutes: opts.lease ?? current?.leaseMinutes ?? 60,
  };
}

function printPolicies(rows: OverspillPolicyEntity[], asJson: boolean | undefined): void {
  const out = rows.map(toPolicy);
  if (asJson) return printJson(out);
  printTable(
    out.map((p) => ({ ...p, watermarks: `${p.lowWatermark}–${p.highWatermark}` })),
    ['id', 'site', 'schedule', 'mode', 'metric', 'watermarks', 'dwellTicks', 'maxVcpuOut', 'maxCostPerDay'],
  );
}

export function overspillCommand(run: CliRunner): Command {
  const overspill = new Command('overspill').description(
    'burst out of a full on-prem site and back: policies, ticks, decisions, status',
  );
  const policy = overspill.command('policy').description('overspill policies (one per site)');

  policyFlags(policy.command('create').description('create the policy of a site'), true).action(
    (opts: PolicyFlags) =>
      run(async (ctx) => {
        const row = await ctx.app
          .get(OverspillPolicyService)
          .create(cliActor(opts.tenant), specOf(opts, null));
        printPolicies([row], opts.json);
      }),
  );
  common(policy.command('list')).action((opts: Common) =>
    run(async (ctx) =>
      printPolicies(await ctx.app.get(OverspillPolicyService).list(cliActor(opts.tenant)), opts.json),
    ),
  );
  policyFlags(
    policy.command('update').description('change the flags given, keep the rest').argument('<id>'),
    false,
  ).action((id: string, opts: PolicyFlags) =>
    run(async (ctx) => {
      const service = ctx.app.get(OverspillPolicyService);
      const current = await service.get(cliActor(opts.tenant), id);
      printPolicies([await service.update(cliActor(opts.tenant), id, specOf(opts, current))], opts.json);
    }),
  );
  common(policy.command('delete').argument('<id>')).action((id: string, opts: Common) =>
    run(async (ctx) => {
      const deleted = await ctx.app.get(OverspillPolicyService).delete(cliActor(opts.tenant), id);
      if (opts.json) return printJson({ deleted });
      process.stdout.write(`deleted ${id}\n`);
    }),
  );

  common(
    overspill.command('tick').description('run a tick of the policy now').argument('<policy-id>'),
  ).action((id: string, opts: Common) =>
    run(async (ctx) => {
      const d = toDecision(await ctx.app.get(OverspillService).runTick(cliActor(opts.tenant), id));
      if (opts.json) return printJson(d);
      process.stdout.write(`${d.action ?? d.status}  ${d.workloads.join(', ')}\n${d.reasons.join('\n')}\n`);
    }),
  );

  common(
    overspill
      .command('decisions')
      .description("a policy's decisions, oldest first")
      .argument('<policy-id>')
      .option('--from <instant>', 'ticks at or after', instant)
      .option('--to <instant>', 'ticks at or before', instant)
      .option('--limit <n>', 'at most this many', number, 1000),
  ).action((id: string, opts: Common & { from?: Date; to?: Date; limit: number }) =>
    run(async (ctx) => {
      const rows = await ctx.app
        .get(OverspillService)
        .decisionsOf(cliActor(opts.tenant), id, opts.from ?? null, opts.to ?? null, opts.limit);
      const out = rows.map(toDecision);
      if (opts.json) return printJson(out);
      printTable(
        out.map((d) => ({ ...d, workloads: d.workloads.length, reason: d.reasons[0] ?? d.error })),
        ['tickAt', 'trigger', 'action', 'utilisation', 'workloads', 'reason'],
      );
    }),
  );

  common(overspill.command('status').description('a site now').argument('<site>')).action(
    (site: string, opts: Common) =>
      run(async (ctx) => {
        const s = toSiteStatus(await ctx.app.get(OverspillStatusService).status(cliActor(opts.tenant), site));
        if (opts.json) return printJson(s);
        process.stdout.write(
          `${s.site}  utilisation ${s.utilisation.toFixed(3)}  ${s.vcpuOut} vCPU out  $${s.costPerDayUsd}/day  ` +
            `last decision: ${s.lastDecision?.action ?? 'none'}  leaks: ${s.leaks.length}\n`,
        );
        printTable(
          [...s.activeBursts, ...s.pendingMoves].map((b) => ({
            ...b,
            target: `${b.target.provider}/${b.target.region}`,
          })),
          ['workloadName', 'status', 'target', 'vcpu', 'costPerDayUsd', 'leaseExpiresAt'],
        );
      }),
  );

  common(
    overspill
      .command('simulate-load')
      .description("set a simulated site's vCPU utilisation now (demos; refused with NODE_ENV=production)")
      .argument('<site>')
      .argument('<fraction>', 'vCPU utilisation 0–1', number),
  ).action((site: string, fraction: number, opts: Common) =>
    run(async (ctx) =>
      printJson(
        toSiteLoad(await ctx.app.get(SiteLoadService).simulate(cliActor(opts.tenant), site, fraction)),
      ),
    ),
  );

  return overspill;
}
