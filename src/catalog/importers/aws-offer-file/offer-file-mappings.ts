import type {
  PurchaseOption,
  ResourceKind,
  ServiceCategory,
  Unit,
} from '../../../domain/catalog/catalog-enums.js';

/** productFamily → FOCUS category and resource kind. Families not listed fall back to the service code. */
const FAMILIES: Record<string, readonly [ServiceCategory, ResourceKind]> = {
  'Compute Instance': ['COMPUTE', 'INSTANCE'],
  'Compute Instance (bare metal)': ['COMPUTE', 'INSTANCE'],
  'Dedicated Host': ['COMPUTE', 'DEDICATED_HOST'],
  'CPU Credits': ['COMPUTE', 'OTHER'],
  'Elastic Graphics': ['COMPUTE', 'ACCELERATOR'],
  'Elastic Inference': ['COMPUTE', 'ACCELERATOR'],
  Storage: ['STORAGE', 'STORAGE'],
  'Storage Snapshot': ['STORAGE', 'STORAGE'],
  'System Operation': ['STORAGE', 'OTHER'],
  'Provisioned Throughput': ['STORAGE', 'OTHER'],
  'Data Transfer': ['NETWORKING', 'DATA_TRANSFER'],
  'Database Instance': ['DATABASES', 'INSTANCE'],
  'Database Storage': ['DATABASES', 'STORAGE'],
};

/** Service codes → FOCUS category, for families the table above does not know (AWSIoT, API Request, …). */
const SERVICES: Record<string, ServiceCategory> = {
  AmazonEC2: 'COMPUTE',
  AWSLambda: 'COMPUTE',
  AmazonECS: 'COMPUTE',
  AmazonEKS: 'COMPUTE',
  AmazonS3: 'STORAGE',
  AmazonEFS: 'STORAGE',
  AmazonGlacier: 'STORAGE',
  AmazonRDS: 'DATABASES',
  AmazonDynamoDB: 'DATABASES',
  AmazonElastiCache: 'DATABASES',
  AWSDataTransfer: 'NETWORKING',
  AmazonCloudFront: 'NETWORKING',
  AmazonVPC: 'NETWORKING',
  AmazonRoute53: 'NETWORKING',
  AWSIoT: 'INTERNET_OF_THINGS',
  AmazonSageMaker: 'AI_AND_MACHINE_LEARNING',
  AmazonRedshift: 'ANALYTICS',
  AmazonAthena: 'ANALYTICS',
  AWSCloudTrail: 'MANAGEMENT_AND_GOVERNANCE',
  AmazonCloudWatch: 'MANAGEMENT_AND_GOVERNANCE',
};

export function classifyFamily(
  productFamily: string | undefined,
  serviceCode: string | undefined,
): { serviceCategory: ServiceCategory; resourceKind: ResourceKind } {
  const family = productFamily ?? '';
  const known = FAMILIES[family];
  if (known) return { serviceCategory: known[0], resourceKind: known[1] };
  if (/load balancer|nat gateway|ip address|vpn|vpc|endpoint|transit gateway/i.test(family)) {
    return { serviceCategory: 'NETWORKING', resourceKind: 'OTHER' };
  }
  if (family === 'Serverless') return { serviceCategory: 'COMPUTE', resourceKind: 'OTHER' };
  return { serviceCategory: (serviceCode && SERVICES[serviceCode]) || 'OTHER', resourceKind: 'OTHER' };
}

const UNITS: Record<string, Unit> = {
  hrs: 'HOUR',
  hr: 'HOUR',
  hour: 'HOUR',
  hours: 'HOUR',
  quantity: 'ONE_TIME',
  'gb-mo': 'GB_MONTH',
  'gb-month': 'GB_MONTH',
  gb: 'GB',
  requests: 'REQUEST',
  request: 'REQUEST',
  'lambda-gb-second': 'GB_SECOND',
  'gb-second': 'GB_SECOND',
  'gb-seconds': 'GB_SECOND',
};

/** Offer-file units are per one unit already ("Hrs", "GB-Mo"); anything else is OTHER and keeps unitRaw. */
export function unitOf(raw: string | undefined): Unit {
  return (raw && UNITS[raw.toLowerCase()]) || 'OTHER';
}

export type TermClass =
  | { readonly ok: true; readonly purchaseOption: PurchaseOption }
  | { readonly ok: false; readonly reason: string };

/**
 * A term is classified by what it says about itself (termAttributes), not by the key it sits
 * under: a reserved term filed under OnDemand is still reserved.
 */
export function classifyTerm(
  termType: string,
  termAttributes: Record<string, unknown> | undefined,
): TermClass {
  const lease = termAttributes?.LeaseContractLength;
  if (typeof lease === 'string' && lease.trim() !== '') {
    const years = /^\s*(\d+)\s*(yr|year|years|y)\s*$/i.exec(lease);
    if (years?.[1] === '1') return { ok: true, purchaseOption: 'RESERVED_1Y' };
    if (years?.[1] === '3') return { ok: true, purchaseOption: 'RESERVED_3Y' };
    return {
      ok: false,
      reason: `unsupported LeaseContractLength ${JSON.stringify(lease)} (only 1yr and 3yr are priced)`,
    };
  }
  if (termType === 'OnDemand') return { ok: true, purchaseOption: 'ON_DEMAND' };
  if (termType === 'Reserved')
    return { ok: false, reason: 'reserved term without termAttributes.LeaseContractLength' };
  return { ok: false, reason: `unknown term type "${termType}" (expected OnDemand or Reserved)` };
}
