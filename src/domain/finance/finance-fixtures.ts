import type { DeployedOffer, Deployment, PriceChange } from './finance-types.js';

/** Test builders: a deployment of 1 × m5.large (0.192 USD/h) in AWS eu-west-1, running from 2026-03-01. */
export function offer(overrides: Partial<DeployedOffer> = {}): DeployedOffer {
  return {
    id: 'offer-m5-large',
    sku: 'M5LARGE-EUW1',
    service: 'AmazonEC2',
    serviceCategory: 'COMPUTE',
    unit: 'HOUR',
    pricePerUnit: '0.192',
    currency: 'USD',
    pricePerUnitUsd: '0.192',
    ...overrides,
  };
}

export function deployment(
  id: string,
  overrides: Partial<Omit<Deployment, 'offer'>> & { offer?: Partial<DeployedOffer> } = {},
): Deployment {
  const { offer: offerOverrides, ...rest } = overrides;
  return {
    id,
    workloadId: 'wl-shop',
    workloadName: 'shop',
    component: 'web',
    provider: { id: 'aws', name: 'AWS' },
    region: { code: 'eu-west-1', name: 'Europe (Ireland)' },
    offer: offer(offerOverrides),
    count: 1,
    from: '2026-03-01T00:00:00Z',
    to: null,
    tags: { env: 'prod' },
    ...rest,
  };
}

export function priceChange(
  effectiveFrom: string,
  pricePerUnit: string,
  overrides: Partial<PriceChange> = {},
): PriceChange {
  return {
    sku: 'M5LARGE-EUW1',
    regionCode: 'eu-west-1',
    effectiveFrom,
    pricePerUnit,
    pricePerUnitUsd: pricePerUnit,
    ...overrides,
  };
}

export const GCP = { id: 'gcp', name: 'Google Cloud' } as const;
export const GCP_BELGIUM = { code: 'europe-west1', name: 'Belgium' } as const;
