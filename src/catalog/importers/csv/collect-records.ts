import type { CatalogImporter, ImportContext, ImportRecord, ImportSource } from '../catalog-importer.js';

export type AcceptedRecord = Extract<ImportRecord, { kind: 'accepted' }>;
export type RejectedRecord = Extract<ImportRecord, { kind: 'rejected' }>;

export interface CollectedRecords {
  readonly accepted: AcceptedRecord[];
  readonly rejected: RejectedRecord[];
  readonly metadata: Record<string, unknown>;
}

/** A context for reading files outside the catalog service (tests, the starter build). */
export function standaloneContext(providerId?: string): ImportContext {
  return { providerId, regionCodeByName: () => undefined };
}

/** Reads a whole input into memory: for tests and the small files the starter build checks. */
export async function collectRecords(
  importer: CatalogImporter,
  source: ImportSource,
  context = standaloneContext(),
): Promise<CollectedRecords> {
  const out: CollectedRecords = { accepted: [], rejected: [], metadata: {} };
  for await (const record of importer.read(source, context)) {
    if (record.kind === 'accepted') out.accepted.push(record);
    else if (record.kind === 'rejected') out.rejected.push(record);
    else Object.assign(out.metadata, record.values);
  }
  return out;
}
