import { Command, Option } from 'commander';
import { toDeployment } from '../deployments/deployment.mapper.js';
import { DeploymentService } from '../deployments/deployment.service.js';
import {
  MIGRATION_STATES,
  MIGRATION_STRATEGIES,
  type MigrationStrategy,
} from '../domain/migration/migration-types.js';
import { toMigration, toTransition } from '../migration/graphql/migration.mapper.js';
import type { MigrationEntity } from '../migration/migration.entity.js';
import { MigrationService, type MigrationActor } from '../migration/migration.service.js';
import { runWorkerProcess } from '../migration/run-worker.js';
import type { PlacementTarget } from '../placement/placement-target.js';
import type { CliRunner } from './cli-runner.js';
import { note, printJson, printTable } from './output.js';

interface Common {
  json?: boolean;
  tenant: string;
}

/** The CLI opens the database itself, so it acts with full rights, recorded as cli:<user>. */
function cliActor(tenant: string): MigrationActor {
  return { tenant, name: `cli:${process.env.USER ?? 'unknown'}`, role: 'admin' };
}

function target(provider: string, region: string): PlacementTarget {
  return { provider, regions: [region] };
}

function printMigration(row: MigrationEntity, json: boolean | undefined): void {
  const m = toMigration(row);
  if (json) return printJson(m);
  const e = m.estimate;
  process.stdout.write(
    `${m.id}  ${m.state}  ${m.strategy}  ${m.sourceProvider}:${m.sourceRegion} → ${m.targetProvider}:${m.targetRegions.join('+')}\n` +
      `one-off $${e.oneOffCostUsd} (egress $${e.egressCostUsd}), saving $${e.monthlySavingUsd}/month, payback ${e.paybackMonths ?? 'never'} months, ` +
      `${e.gibToMove} GiB in ${Math.round(e.transferSeconds)} s (${e.throughputSource}), downtime ${Math.round(e.expectedDowntimeSeconds)} s\n`,
  );
  printTable(
    m.steps.map((s) => ({
      step: s.name,
      component: s.component,
      state: s.state,
      attempts: s.attempts,
      error: s.lastError,
    })),
    ['step', 'component', 'state', 'attempts', 'error'],
  );
}

export function migrationCommand(run: CliRunner): Command {
  const migration = new Command('migration').description(
    'move workloads between sites: plan, approve, start, cancel, rollback, show, list; run workers',
  );
  const common = (c: Command) =>
    c
      .option('--json', 'print JSON')
      .option('--tenant <tenant>', 'tenant whose workloads to act on', 'default');

  common(
    migration
      .command('deploy')
      .description('record where a workload already runs (no move)')
      .argument('<workload-id>')
      .requiredOption('--provider <id>')
      .requiredOption('--region <code>'),
  ).action((workloadId: string, opts: Common & { provider: string; region: string }) =>
    run(async (ctx) => {
      const rows = await ctx.app
        .get(DeploymentService)
        .recordExisting(cliActor(opts.tenant), workloadId, target(opts.provider, opts.region));
      const out = rows.map(toDeployment);
      if (opts.json) return printJson(out);
      printTable(out as unknown as Record<string, unknown>[], [
        'component',
        'provider',
        'region',
        'instanceType',
        'pricePerHourUsd',
      ]);
    }),
  );

  common(
    migration
      .command('plan')
      .argument('<workload-id>')
      .requiredOption('--provider <id>', 'target provider')
      .requiredOption('--region <code>', 'target region')
      .addOption(new Option('--strategy <strategy>').choices([...MIGRATION_STRATEGIES])),
  ).action((workloadId: string, opts: Common & { provider: string; region: string; strategy?: string }) =>
    run(async (ctx) => {
      const row = await ctx.app
        .get(MigrationService)
        .plan(
          cliActor(opts.tenant),
          workloadId,
          target(opts.provider, opts.region),
          opts.strategy as MigrationStrategy,
        );
      printMigration(row, opts.json);
    }),
  );

  for (const verb of ['approve', 'start', 'cancel', 'rollback', 'resume'] as const) {
    common(migration.command(verb).argument('<migration-id>')).action((id: string, opts: Common) =>
      run(async (ctx) =>
        printMigration(await ctx.app.get(MigrationService)[verb](cliActor(opts.tenant), id), opts.json),
      ),
    );
  }

  common(
    migration
      .command('show')
      .argument('<migration-id>')
      .option('--transitions', 'include the transition log'),
  ).action((id: string, opts: Common & { transitions?: boolean }) =>
    run(async (ctx) => {
      const service = ctx.app.get(MigrationService);
      const row = await service.get(cliActor(opts.tenant), id);
      const transitions = opts.transitions ? (await service.transitions(id)).map(toTransition) : null;
      if (opts.json) return printJson({ ...toMigration(row), ...(transitions ? { transitions } : {}) });
      printMigration(row, false);
      if (transitions)
        printTable(transitions as unknown as Record<string, unknown>[], [
          'at',
          'event',
          'from',
          'to',
          'stepKey',
          'by',
          'reason',
        ]);
    }),
  );

  common(
    migration
      .command('list')
      .option('--workload <id>')
      .addOption(new Option('--state <state...>').choices([...MIGRATION_STATES])),
  ).action((opts: Common & { workload?: string; state?: string[] }) =>
    run(async (ctx) => {
      const rows = await ctx.app
        .get(MigrationService)
        .list(cliActor(opts.tenant), { workloadId: opts.workload, states: opts.state as never });
      const list = rows.map(toMigration);
      if (opts.json) return printJson(list);
      printTable(
        list.map((m) => ({
          ...m,
          target: `${m.targetProvider}:${m.targetRegions.join('+')}`,
          progress: `${m.progress.stepsDone}/${m.progress.stepsTotal}`,
        })),
        ['id', 'workloadName', 'state', 'strategy', 'target', 'progress', 'oneOffCostUsd', 'createdAt'],
      );
    }),
  );

  migration
    .command('worker')
    .description('run migration workers in this process until stopped (SIGTERM/SIGINT)')
    .option('--concurrency <n>', 'parallel jobs', Number)
    .option('--name <name>', 'worker name in job rows and transitions')
    .option('--until-done', 'exit once no migration is in flight')
    .action((opts: { concurrency?: number; name?: string; untilDone?: boolean }) =>
      run(async (ctx) =>
        runWorkerProcess(ctx.app, ctx.config, {
          concurrency: opts.concurrency ?? Math.max(1, ctx.config.migrations.workers),
          name: opts.name,
          untilDone: opts.untilDone,
          log: note,
        }),
      ),
    );
  return migration;
}
