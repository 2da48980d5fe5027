import { RowProblem } from './csv-reference.js';

/**
 * Skyplane names endpoints `<cloud>:<region>` ("aws:eu-west-1", "azure:westeurope") and GCP ones
 * by zone ("gcp:europe-west1-b"): the measurement stands for the zone's region.
 */
export function skyplaneRegion(id: string, column: string): { provider: string; region: string } {
  const match = /^([a-z0-9-]+):([a-z0-9-]+)$/.exec(id.trim());
  if (!match) throw new RowProblem(`invalid ${column}: "${id}" (expected cloud:region)`);
  const provider = match[1];
  const region = provider === 'gcp' ? match[2].replace(/-[a-z]$/, '') : match[2];
  return { provider, region };
}

/**
 * Skyplane measured each pair per network tier; only PREMIUM↔PREMIUM (every cloud's default
 * tier, and the only one AWS and Azure have) is kept. GCP STANDARD-tier rows are rejected.
 */
export function requirePremiumTier(srcTier: string, dstTier: string): void {
  if (srcTier !== 'PREMIUM' || dstTier !== 'PREMIUM') {
    throw new RowProblem(
      `${srcTier !== 'PREMIUM' ? srcTier : dstTier} network tier: only PREMIUM↔PREMIUM pairs are kept (${srcTier}→${dstTier})`,
    );
  }
}
