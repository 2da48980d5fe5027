import { CumulusCsvImporter } from '../../src/catalog/importers/cumulus-csv.importer.js';
import { collectRecords, standaloneContext } from '../../src/catalog/importers/csv/collect-records.js';
import { bufferSource } from '../../src/catalog/importers/file-source.js';
import { reasonKey } from '../../src/catalog/import-summary.js';
import { referenceContext } from '../../src/catalog/reference/reference-context.js';
import type {
  ProviderRow,
  RegionAliasRow,
  RegionRow,
} from '../../src/catalog/reference/reference-importer.js';
import { createReferenceImporters } from '../../src/catalog/reference/reference-importers.js';
import type { ReferenceLookups } from '../../src/catalog/reference/reference.repository.js';
import type { StarterFile } from './starter-io.js';

export interface FileCounts {
  records: number;
  rejected: number;
  rejectedReasons: Record<string, number>;
  offers: number;
  instanceTypes: number;
  rows: number;
  summary: string;
}

/**
 * Reads every starter file back through its importer, in manifest order, with the providers,
 * regions and aliases the earlier files define (what a first start will see). An offer file
 * with a rejected row stops the build; reference rejections are expected and reported.
 */
export async function validateStarter(files: readonly StarterFile[]): Promise<Map<string, FileCounts>> {
  const lookups: ReferenceLookups = { providers: [], regions: [], aliases: [] };
  const importers = new Map(createReferenceImporters().map((i) => [i.format, i]));
  const out = new Map<string, FileCounts>();
  for (const f of files) {
    const source = bufferSource(f.file, f.content);
    const counts: FileCounts = {
      records: 0,
      rejected: 0,
      rejectedReasons: {},
      offers: 0,
      instanceTypes: 0,
      rows: 0,
      summary: '',
    };
    const reject = (reason: string) => {
      counts.rejected++;
      counts.rejectedReasons[reasonKey(reason)] = (counts.rejectedReasons[reasonKey(reason)] ?? 0) + 1;
    };
    if (f.format === 'cumulus-csv') {
      const importer = new CumulusCsvImporter();
      const problem = importer.detect(f.content.slice(0, 65536));
      if (problem) throw new Error(`${f.file}: ${problem}`);
      const { accepted, rejected } = await collectRecords(importer, source, standaloneContext());
      if (rejected.length)
        throw new Error(
          `${f.file}: ${rejected.length} rows rejected, first: ${rejected[0].position} ${rejected[0].reason}`,
        );
      const types = new Set<string>();
      for (const r of accepted) {
        counts.offers += r.offers.length;
        for (const t of r.instanceTypes ?? []) types.add(t.name);
        if (r.region)
          lookups.regions.push({ providerId: r.region.providerId, code: r.region.code, name: r.region.name });
        if (r.provider) lookups.providers.push(r.provider.id);
      }
      counts.records = accepted.length;
      counts.instanceTypes = types.size;
      counts.summary = `${counts.records} rows, ${counts.offers} offers, ${counts.instanceTypes} instance types`;
    } else {
      const importer = importers.get(f.format);
      if (!importer) throw new Error(`${f.file}: no importer for ${f.format}`);
      const problem = importer.detect(f.content.slice(0, 65536));
      if (problem) throw new Error(`${f.file}: ${problem}`);
      for await (const record of importer.read(source, referenceContext(lookups))) {
        if (record.kind === 'metadata') continue;
        counts.records++;
        if (record.kind === 'rejected') {
          reject(record.reason);
          continue;
        }
        counts.rows += record.rows.length;
        if (importer.kind === 'providers')
          lookups.providers.push(...(record.rows as ProviderRow[]).map((p) => p.id));
        if (importer.kind === 'regions')
          lookups.regions.push(
            ...(record.rows as RegionRow[]).map((r) => ({
              providerId: r.providerId,
              code: r.code,
              name: r.name,
            })),
          );
        if (importer.kind === 'region-aliases') lookups.aliases.push(...(record.rows as RegionAliasRow[]));
      }
      const reasons = Object.entries(counts.rejectedReasons).map(([k, n]) => `${n}× ${k}`);
      counts.summary = `${counts.records} records, ${counts.rows} rows, ${counts.rejected} rejected${reasons.length ? ` (${reasons.join('; ')})` : ''}`;
    }
    out.set(f.file, counts);
  }
  return out;
}
