import type { CatalogScope } from './entities/catalog-version.entity.js';

/** What `catalog import` prints and `importCatalog` returns, for offers and reference data alike. */
export interface ImportSummary {
  catalogVersionId: string;
  provider: string;
  format: string;
  scope: CatalogScope;
  /** ACTIVE, FAILED, or UNCHANGED when the same input is already the active version (a no-op). */
  status: 'ACTIVE' | 'FAILED' | 'UNCHANGED';
  records: number;
  offers: number;
  instanceTypes: number;
  rejected: number;
  /** Rejected records per reason (the text before the first ':' of each reason). */
  rejectedReasons: Record<string, number>;
  durationMs: number;
  /** The version this import superseded, if any. */
  supersededVersionId?: string | null;
  /** Why the import failed (status FAILED). */
  error?: string;
  warnings?: string[];
}

/** The key a rejection reason is counted under: "negative price: -1.5" → "negative price". */
export function reasonKey(reason: string): string {
  const colon = reason.indexOf(':');
  return (colon > 0 ? reason.slice(0, colon) : reason).trim();
}
