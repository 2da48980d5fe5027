import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type {
  ImportContext,
  ImportRecord,
  ParsedOffer,
} from '../../src/catalog/importers/catalog-importer.js';
import { sharedFile } from './shared-data.js';

type Accepted = Extract<ImportRecord, { kind: 'accepted' }>;
type Rejected = Extract<ImportRecord, { kind: 'rejected' }>;
type Metadata = Extract<ImportRecord, { kind: 'metadata' }>;

let awsNames: Map<string, string> | undefined;

/**
 * AWS display name → region code, from the real locations feed (aws-website-locations): both
 * the old names the offer files use ("EU (Ireland)") and the current labels ("Europe (Ireland)").
 */
export function awsRegionCodesByName(): Map<string, string> {
  if (awsNames) return awsNames;
  const raw = JSON.parse(
    fs.readFileSync(sharedFile('price-formats/aws-other/aws-website-locations-2026-08.json'), 'utf8'),
  ) as Record<string, { name: string; label?: string; code: string }>;
  awsNames = new Map();
  for (const location of Object.values(raw)) {
    awsNames.set(location.name.toLowerCase(), location.code);
    if (location.label) awsNames.set(location.label.toLowerCase(), location.code);
  }
  return awsNames;
}

/** The context the catalog service would pass, with AWS names from the locations feed and no other provider's. */
export function testImportContext(
  options: { fetchPage?: (url: string) => Promise<Readable> } = {},
): ImportContext {
  return {
    regionCodeByName: (provider, name) =>
      provider === 'aws' ? awsRegionCodesByName().get(name.toLowerCase()) : undefined,
    fetchPage: options.fetchPage,
  };
}

export interface CollectedImport {
  readonly records: ImportRecord[];
  readonly accepted: Accepted[];
  readonly rejected: Rejected[];
  readonly metadata: Record<string, unknown>;
  readonly offers: ParsedOffer[];
}

export async function collectImport(iterable: AsyncIterable<ImportRecord>): Promise<CollectedImport> {
  const records: ImportRecord[] = [];
  for await (const record of iterable) records.push(record);
  const accepted = records.filter((r): r is Accepted => r.kind === 'accepted');
  const metadata = Object.assign(
    {},
    ...records.filter((r): r is Metadata => r.kind === 'metadata').map((r) => r.values),
  ) as Record<string, unknown>;
  return {
    records,
    accepted,
    rejected: records.filter((r): r is Rejected => r.kind === 'rejected'),
    metadata,
    offers: accepted.flatMap((r) => [...r.offers]),
  };
}

/** The record at a position, or a test failure naming a few positions that do exist. */
export function recordAt(collected: CollectedImport, position: string): Accepted | Rejected {
  const records = [...collected.accepted, ...collected.rejected];
  const found = records.find((r) => r.position === position);
  if (!found) {
    const sample = records.slice(0, 3).map((r) => r.position);
    throw new Error(`no record at ${position}; positions look like: ${sample.join(' | ')}`);
  }
  return found;
}
