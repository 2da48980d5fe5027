import { Command, InvalidArgumentError, Option } from 'commander';
import { AccrualService } from '../finance/accrual.service.js';
import { FocusImportService } from '../finance/focus-import.service.js';
import { toAccrualRun, toFocusImportResult } from '../finance/graphql/finance.mapper.js';
import { SpendService, type SpendDimensionName } from '../finance/spend.service.js';
import type { CliRunner } from './cli-runner.js';
import { note, printJson, printTable } from './output.js';

const DIMENSIONS: readonly SpendDimensionName[] = [
  'PROVIDER',
  'REGION',
  'WORKLOAD',
  'SERVICE_CATEGORY',
  'TAG',
];

function dimensions(value: string): SpendDimensionName[] {
  return value
    .split(',')
    .map((s) => s.trim().toUpperCase().replace('-', '_'))
    .filter(Boolean)
    .map((d) => {
      if (!(DIMENSIONS as readonly string[]).includes(d))
        throw new InvalidArgumentError(`group-by: "${d}" is not one of ${DIMENSIONS.join(', ')}`);
      return d as SpendDimensionName;
    });
}

function instant(value: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError(`not a date: ${value}`);
  return date;
}

const tenantOption = () =>
  new Option('--tenant <tenant>', 'the tenant whose ledger it is').default('default');

export function financeCommand(run: CliRunner): Command {
  const finance = new Command('finance').description('cost ledger: accrual, FOCUS import, spend');

  finance
    .command('accrue')
    .description('accrue the UTC days from --from to --to (both included, up to yesterday), replacing them')
    .requiredOption('--from <YYYY-MM-DD>', 'first day')
    .requiredOption('--to <YYYY-MM-DD>', 'last day (included)')
    .action((opts: { from: string; to: string }) =>
      run(async (ctx) => {
        const result = toAccrualRun(await ctx.app.get(AccrualService).accrueRange(opts.from, opts.to));
        printJson({ ...result, days: result.days.length, alertsRaised: result.alertsRaised.length });
      }),
    );

  finance
    .command('import-focus')
    .description(
      "import a provider's FOCUS CSV as ACTUAL cost: all rows or none; the same file again is a no-op",
    )
    .argument('<file>', 'FOCUS 1.0–1.2 cost CSV')
    .option('--account <name>', "provider account the bill belongs to (default: each row's BillingAccountId)")
    .option('--allow-rejected', 'import the accepted rows even if some are rejected')
    .addOption(tenantOption())
    .action((file: string, opts: { account?: string; allowRejected?: boolean; tenant: string }) =>
      run(async (ctx) => {
        const outcome = await ctx.app
          .get(FocusImportService)
          .import(
            { tenant: opts.tenant, name: 'cli' },
            { file, account: opts.account ?? null, allowRejected: opts.allowRejected ?? false },
          );
        printJson(toFocusImportResult(outcome));
        if (outcome.status === 'REJECTED') {
          note(
            `cumulus: ${outcome.rejected} row(s) rejected; nothing imported (--allow-rejected imports the rest)`,
          );
          process.exitCode = 1;
        }
      }),
    );

  finance
    .command('spend')
    .description('spend from the ledger, grouped (the same answer as GraphQL spend)')
    .requiredOption('--from <instant|day>', 'charges starting at or after, e.g. 2026-03-01')
    .requiredOption('--to <instant|day>', 'charges starting before (half-open)')
    .option('--group-by <list>', `any of ${DIMENSIONS.join(', ')}`, dimensions, [])
    .option('--tag-key <key>', 'the tag grouped by with TAG')
    .addOption(new Option('--granularity <g>').choices(['DAY', 'MONTH']).default('MONTH'))
    .addOption(new Option('--basis <basis>').choices(['ESTIMATED', 'ACTUAL']).default('ESTIMATED'))
    .option('--currency <code>', 'only rows billed in this currency')
    .addOption(tenantOption())
    .option('--json', 'print JSON')
    .action(
      (opts: {
        from: string;
        to: string;
        groupBy: SpendDimensionName[];
        tagKey?: string;
        granularity: 'DAY' | 'MONTH';
        basis: 'ESTIMATED' | 'ACTUAL';
        currency?: string;
        tenant: string;
        json?: boolean;
      }) =>
        run(async (ctx) => {
          const lines = await ctx.app.get(SpendService).spendOf(
            { tenant: opts.tenant, name: 'cli' },
            {
              from: instant(opts.from),
              to: instant(opts.to),
              groupBy: opts.groupBy,
              tagKey: opts.tagKey ?? null,
              granularity: opts.granularity,
              currency: opts.currency ?? null,
            },
            opts.basis,
          );
          if (opts.json) return printJson(lines);
          printTable(
            lines.map((l) => ({
              period: l.period,
              ...l.key,
              currency: l.currency,
              billed: l.billedCost,
              effective: l.effectiveCost,
              list: l.listCost,
            })),
            ['period', ...opts.groupBy.map(keyColumn), 'currency', 'billed', 'effective', 'list'],
          );
        }),
    );

  return finance;
}

function keyColumn(d: SpendDimensionName): string {
  return {
    PROVIDER: 'provider',
    REGION: 'region',
    WORKLOAD: 'workload',
    SERVICE_CATEGORY: 'serviceCategory',
    TAG: 'tag',
  }[d];
}
