import { Command, Option } from 'commander';
import { CatalogImportService } from '../catalog/catalog-import.service.js';
import { CatalogQueryService, type OfferSearch } from '../catalog/catalog-query.service.js';
import type { OfferRow } from '../catalog/offer.repository.js';
import { toCatalogVersion } from '../catalog/graphql/catalog.mapper.js';
import { PURCHASE_OPTIONS, OPERATING_SYSTEMS } from '../domain/catalog/catalog-enums.js';
import type { CliRunner } from './cli-runner.js';
import { note, printJson, printJsonArray, printTable } from './output.js';

const OFFER_FIELDS = [
  'provider',
  'region',
  'sku',
  'instanceType',
  'vcpu',
  'memoryGib',
  'gpuModel',
  'gpuCount',
  'os',
  'purchaseOption',
  'unit',
  'price',
  'currency',
  'priceUsd',
  'catalogVersionId',
] as const;

export function catalogCommand(run: CliRunner): Command {
  const catalog = new Command('catalog').description('provider catalogs: import, versions, offers');

  catalog
    .command('import')
    .description('import price or reference files (or URLs) as one new catalog version')
    .requiredOption(
      '--format <format-id>',
      'input format, e.g. aws-offer-file, azure-retail, cumulus-csv (see: catalog formats)',
    )
    .option('--provider <id>', 'provider the input describes (when the format does not say)')
    .argument('<file-or-url...>', 'files, or http(s) URLs on the allow-list')
    .action((inputs: string[], opts: { format: string; provider?: string }) =>
      run(async (ctx) => {
        const urls = inputs.filter((i) => /^https?:\/\//i.test(i));
        const files = inputs.filter((i) => !/^https?:\/\//i.test(i));
        const summary = await ctx.app.get(CatalogImportService).import({
          format: opts.format,
          providerId: opts.provider,
          files,
          urls,
          createdBy: 'cli',
          urlAllowList: ctx.config.importUrlAllowList,
          onProgress: (p) =>
            note(
              `… ${p.records} records, ${p.offers} offers, ${p.rejected} rejected (${Math.round(p.elapsedMs / 1000)} s)`,
            ),
        });
        printJson(summary);
      }),
    );

  catalog
    .command('formats')
    .description('list the import formats')
    .action(() => run(async (ctx) => printJson(ctx.app.get(CatalogImportService).formats())));

  catalog
    .command('versions')
    .description('list catalog versions, newest first')
    .option('--provider <id>')
    .option('--json', 'print JSON')
    .action((opts: { provider?: string; json?: boolean }) =>
      run(async (ctx) => {
        const versions = (await ctx.app.get(CatalogQueryService).catalogVersions(opts.provider)).map(
          toCatalogVersion,
        );
        if (opts.json) return printJson(versions);
        printTable(
          versions.map((v) => ({ ...v, scope: v.scopeKey })),
          [
            'id',
            'provider',
            'format',
            'status',
            'scope',
            'records',
            'offers',
            'rejected',
            'durationMs',
            'startedAt',
          ],
        );
      }),
    );

  catalog
    .command('offers')
    .description('list offers of the active versions (or of one version)')
    .option('--version <id>', 'a catalog version (any status)')
    .option('--provider <id>')
    .option('--region <code>')
    .option('--instance-type <name>')
    .option('--sku <id>')
    .addOption(new Option('--purchase-option <option>').choices([...PURCHASE_OPTIONS]))
    .addOption(new Option('--os <os>').choices([...OPERATING_SYSTEMS]))
    .option('--country <iso2>')
    .option('--regime <code>')
    .option('--min-vcpu <n>', 'at least this many vCPU', Number)
    .option('--min-memory <GiB>', 'at least this much memory', Number)
    .option('--limit <n>', 'print at most n offers (cheapest first)', Number)
    .option('--json', 'print a JSON array')
    .action(
      (opts: {
        version?: string;
        provider?: string;
        region?: string;
        instanceType?: string;
        sku?: string;
        purchaseOption?: string;
        os?: string;
        country?: string;
        regime?: string;
        minVcpu?: number;
        minMemory?: number;
        limit?: number;
        json?: boolean;
      }) =>
        run(async (ctx) => {
          const search: OfferSearch = {
            version: opts.version,
            provider: opts.provider,
            region: opts.region,
            instanceType: opts.instanceType,
            sku: opts.sku,
            purchaseOption: opts.purchaseOption,
            os: opts.os,
            country: opts.country,
            regime: opts.regime,
            minVcpu: opts.minVcpu,
            minMemoryGib: opts.minMemory,
          };
          const rows = limited(ctx.app.get(CatalogQueryService).allOffers(search), opts.limit);
          if (opts.json) {
            const n = await printJsonArray(pick(rows));
            note(`${n} offers`);
            return;
          }
          const list: Record<string, unknown>[] = [];
          for await (const row of pick(rows)) list.push(row);
          printTable(list, OFFER_FIELDS);
        }),
    );
  return catalog;
}

async function* limited<T>(items: AsyncIterable<T>, limit: number | undefined): AsyncGenerator<T> {
  let n = 0;
  for await (const item of items) {
    if (limit !== undefined && n >= limit) return;
    n++;
    yield item;
  }
}

/** The documented fields first, then the rest of the offer. */
async function* pick(rows: AsyncIterable<OfferRow>): AsyncGenerator<Record<string, unknown>> {
  for await (const row of rows) {
    yield { ...Object.fromEntries(OFFER_FIELDS.map((f) => [f, row[f]])), ...row };
  }
}
