import type { ListedOffer } from './compute-offers.js';
import type { CandidateRegion, Component, RegionSla, Weights, Workload } from './placement-types.js';

/**
 * Builders for the placement specs: small, explicit catalogs whose expected values a person
 * can work out by hand. Not used outside tests.
 */

export const NOW = new Date('2026-11-27T12:00:00.000Z');
export const COST_ONLY: Weights = { cost: 1, latency: 0, availability: 0, carbon: 0 };
export const BALANCED: Weights = { cost: 1, latency: 1, availability: 1, carbon: 1 };

/** AWS EC2 SLA as in ../shared/data/sla/compute_slas.csv. */
export const AWS_SLA: RegionSla = {
  singleInstancePct: 99.5,
  multiZonePct: 99.99,
  creditTiers: [
    { belowPct: 99.5, creditPct: 10 },
    { belowPct: 99.0, creditPct: 30 },
    { belowPct: 95.0, creditPct: 100 },
  ],
  multiZoneCreditTiers: [
    { belowPct: 99.99, creditPct: 10 },
    { belowPct: 99.0, creditPct: 30 },
    { belowPct: 95.0, creditPct: 100 },
  ],
};

export const CITIES = {
  frankfurt: { latitude: 50.1109, longitude: 8.6821 },
  paris: { latitude: 48.8566, longitude: 2.3522 },
  dublin: { latitude: 53.3498, longitude: -6.2603 },
  virginia: { latitude: 38.9586, longitude: -77.357 },
  london: { latitude: 51.5074, longitude: -0.1278 },
  tokyo: { latitude: 35.6764, longitude: 139.65 },
} as const;

const HQ: Record<string, { name: string; hq: string; kind: CandidateRegion['providerKind'] }> = {
  aws: { name: 'Amazon Web Services', hq: 'US', kind: 'PUBLIC_CLOUD' },
  azure: { name: 'Microsoft Azure', hq: 'US', kind: 'PUBLIC_CLOUD' },
  gcp: { name: 'Google Cloud', hq: 'US', kind: 'PUBLIC_CLOUD' },
  ovh: { name: 'OVHcloud', hq: 'FR', kind: 'HOSTING' },
  'onprem-london': { name: 'On-prem London', hq: 'GB', kind: 'PRIVATE_CLOUD' },
};

const REGIME_BY_COUNTRY: Record<string, string> = {
  DE: 'EU_GDPR',
  FR: 'EU_GDPR',
  IE: 'EU_GDPR',
  GB: 'UK_GDPR',
  US: 'US',
  JP: 'JP_APPI',
};

/** A region with sensible defaults: regimes from its country plus US_CLOUD_ACT for a US provider. */
export function region(
  providerId: string,
  regionCode: string,
  countryCode: string,
  at: { latitude: number; longitude: number },
  overrides: Partial<CandidateRegion> = {},
): CandidateRegion {
  const p = HQ[providerId] ?? { name: providerId, hq: 'US', kind: 'PUBLIC_CLOUD' as const };
  const home = p.hq === 'US' ? ['US_CLOUD_ACT'] : [];
  const own = REGIME_BY_COUNTRY[countryCode] ?? `${countryCode}_LAW`;
  return {
    providerId,
    providerName: p.name,
    providerKind: p.kind,
    headquartersCountry: p.hq,
    regionCode,
    regionName: regionCode,
    countryCode,
    latitude: at.latitude,
    longitude: at.longitude,
    regimes: [...new Set([own, ...home])].sort(),
    homeExposureRegimes: home,
    carbonGco2ePerKwh: 300,
    pue: 1.2,
    sla: AWS_SLA,
    egress: { internet: [{ startGb: 0, endGb: null, pricePerGbUsd: '0.09' }], interRegionPerGbUsd: '0.02' },
    storage: [{ storageClass: 'SSD', pricePerGibMonthUsd: '0.08' }],
    ...overrides,
  };
}

let nextId = 1;

/** An on-demand Linux x86_64 instance offer priced per hour. */
export function offer(
  at: { providerId: string; regionCode: string },
  instanceType: string,
  vcpu: number,
  memoryGib: number,
  priceUsd: string,
  overrides: Partial<ListedOffer> = {},
): ListedOffer {
  return {
    providerId: at.providerId,
    regionCode: at.regionCode,
    offerId: String(nextId++),
    instanceType,
    vcpu,
    memoryGib,
    gpuModel: null,
    gpuCount: 0,
    arch: 'x86_64',
    os: 'LINUX',
    purchaseOption: 'ON_DEMAND',
    unit: 'HOUR',
    priceUsd,
    pricePerHourUsd: Number(priceUsd),
    ...overrides,
  };
}

export function component(
  name: string,
  vcpu: number,
  memoryGib: number,
  extra: Partial<Component> = {},
): Component {
  return { name, count: 1, vcpu, memoryGib, ...extra };
}

export function workload(components: readonly Component[], extra: Partial<Workload> = {}): Workload {
  return { name: 'shop', components, users: [], constraints: {}, weights: COST_ONLY, ...extra };
}
