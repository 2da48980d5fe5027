/**
 * Energy coefficients for the carbon criterion, in one place with their sources.
 *
 * Method (Cloud Carbon Footprint, "Methodology", compute section):
 *   average watts per vCPU = min watts + average utilisation × (max watts − min watts)
 *   kgCO2e/month = kWh/month × PUE × grid gCO2e/kWh / 1000
 *
 * Per-vCPU watts: ../shared/data/carbon/ccf-coefficients/coefficients-{aws,azure,gcp}-use.csv
 * (cloud-carbon-footprint/ccf-coefficients @ b0032d92, Apache-2.0; SPECpower-derived watts per
 * vCPU per micro-architecture). We do not know the micro-architecture behind an offer, so we
 * take the mean over all 37 rows of the three files: Min Watts 0.9001, Max Watts 3.6354.
 * Utilisation 50%: CCF's fallback for hyperscale servers (2016 US Data Center Energy Usage
 * Report). → 0.9001 + 0.5 × (3.6354 − 0.9001) = 2.2678 W per vCPU.
 *
 * Not counted: memory (CCF adds it only beyond the SPECpower server's GB per chip, which
 * needs the instance family), storage and network energy, embodied emissions.
 */
export const CCF_MEAN_MIN_WATTS_PER_VCPU = 0.9001;
export const CCF_MEAN_MAX_WATTS_PER_VCPU = 3.6354;
export const CCF_AVERAGE_UTILISATION = 0.5;
export const WATTS_PER_VCPU =
  CCF_MEAN_MIN_WATTS_PER_VCPU +
  CCF_AVERAGE_UTILISATION * (CCF_MEAN_MAX_WATTS_PER_VCPU - CCF_MEAN_MIN_WATTS_PER_VCPU);

/**
 * GPU watts at idle and 100%: CCF Methodology, Appendix III (Teads / TechPowerUp figures),
 * cloud-carbon-footprint/cloud-carbon-footprint microsite/docs/Methodology.md. Averaged at the
 * same 50% utilisation. Keys are lower-case model names as catalogs spell them.
 */
const GPU_IDLE_MAX_WATTS: Readonly<Record<string, readonly [number, number]>> = {
  m60: [35, 306],
  t4: [8, 71],
  k80: [35, 306],
  v100: [35, 306],
  a100: [46, 407],
  k520: [26, 229],
  a10g: [18, 153],
  p4: [9, 76.5],
  p100: [36, 306],
  p40: [30, 255],
  'radeon pro v520': [26, 229],
};

function averageWatts([idle, max]: readonly [number, number]): number {
  return idle + CCF_AVERAGE_UTILISATION * (max - idle);
}

/** Mean of the table, for GPU models CCF does not list (the trace says so). */
export const FALLBACK_WATTS_PER_GPU =
  Object.values(GPU_IDLE_MAX_WATTS).reduce((sum, w) => sum + averageWatts(w), 0) /
  Object.keys(GPU_IDLE_MAX_WATTS).length;

/** Average watts per GPU of a model, and whether the model was in the CCF table. */
export function wattsPerGpu(model: string | null): { watts: number; known: boolean } {
  const key = (model ?? '')
    .toLowerCase()
    .replace(/^(nvidia|tesla)\s+/g, '')
    .replace(/^tesla\s+/, '');
  const entry = GPU_IDLE_MAX_WATTS[key];
  return entry
    ? { watts: averageWatts(entry), known: true }
    : { watts: FALLBACK_WATTS_PER_GPU, known: false };
}

/**
 * PUE assumed when a region has none: the highest of CCF's published cloud PUEs (Azure
 * 1.185; AWS 1.135, GCP 1.1), so a missing figure never makes a region look greener.
 */
export const DEFAULT_PUE = 1.185;
