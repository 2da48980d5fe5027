/**
 * Grid carbon of a region can come from several sources; a weaker source never overwrites a
 * stronger one, whatever the import order:
 * 1. Cloud Carbon Footprint's factors (`ccf`): country/grid averages compiled by a third party;
 * 2. the provider's own published figure per region (`gcp-region-carbon-info <year>`);
 * 3. anything else — the figure a site owner states for their own site in cumulus-csv.
 * An equal-rank source replaces the value (a newer year of the same dataset).
 */
export const CARBON_SOURCE_CCF = 'ccf';
const GCP_PREFIX = 'gcp-region-carbon-info';

export function carbonSourceGcp(year: string | null): string {
  return year ? `${GCP_PREFIX} ${year}` : GCP_PREFIX;
}

export function carbonRank(source: string | null): number {
  if (!source) return 0;
  if (source === CARBON_SOURCE_CCF) return 1;
  if (source.startsWith(GCP_PREFIX)) return 2;
  return 3;
}

export function carbonMayReplace(newSource: string, existingSource: string | null): boolean {
  return carbonRank(newSource) >= carbonRank(existingSource);
}
