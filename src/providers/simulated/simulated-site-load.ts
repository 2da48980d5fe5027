import type { SimulatedSiteLoadScript } from '../../config/config.js';

/** A background load set by hand (simulateSiteLoad), as stored in sim_site_loads. */
export interface StoredSiteLoad {
  readonly backgroundUtilization: number;
  readonly setAt: Date;
}

/** The key scripts are configured under: "provider/region", the overspill site id. */
export const siteLoadKey = (providerId: string, regionCode: string) => `${providerId}/${regionCode}`;

/** The scripted background fraction at `at`: step i covers [startsAt + i·step, startsAt + (i+1)·step). */
export function scriptedBackground(script: SimulatedSiteLoadScript, at: Date): number {
  const values = script.backgroundUtilization;
  const step = Math.floor((at.getTime() - Date.parse(script.startsAt)) / (script.stepSeconds * 1000));
  if (step < 0) return values[0];
  if (step < values.length) return values[step];
  return script.repeat ? values[step % values.length] : values[values.length - 1];
}

/**
 * The background fraction of a simulated site at `at`. A value set by hand wins over the script
 * (an operator steering a demo overrides the recording); no script and nothing set: 0.
 */
export function backgroundAt(
  stored: StoredSiteLoad | null,
  script: SimulatedSiteLoadScript | undefined,
  at: Date,
): number {
  if (stored !== null) return stored.backgroundUtilization;
  return script === undefined ? 0 : scriptedBackground(script, at);
}
