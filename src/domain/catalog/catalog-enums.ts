/** The catalog's vocabulary. Plain string unions so the domain needs no framework. */

export const PROVIDER_KINDS = ['PUBLIC_CLOUD', 'PRIVATE_CLOUD', 'HOSTING'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const PURCHASE_OPTIONS = [
  'ON_DEMAND',
  'SPOT',
  'LOW_PRIORITY',
  'RESERVED_1Y',
  'RESERVED_3Y',
  'SAVINGS_PLAN_1Y',
  'SAVINGS_PLAN_3Y',
  'CAPACITY_BLOCK',
  'DEV_TEST',
] as const;
export type PurchaseOption = (typeof PURCHASE_OPTIONS)[number];

export const OPERATING_SYSTEMS = ['LINUX', 'WINDOWS', 'RHEL', 'SUSE', 'OTHER'] as const;
export type OperatingSystem = (typeof OPERATING_SYSTEMS)[number];

/**
 * What one unit of an offer's price buys. HOUR prices are per instance-hour (or per
 * vCPU-/GPU-hour for resourceKind VCPU/ACCELERATOR), GIB_HOUR per GiB of memory per hour,
 * GB_MONTH per GB stored for a month, GB per GB transferred, ONE_TIME a single charge
 * (upfront fees; reservations priced for the whole term).
 */
export const UNITS = [
  'HOUR',
  'GIB_HOUR',
  'MONTH',
  'GB_MONTH',
  'GB',
  'GB_SECOND',
  'REQUEST',
  'ONE_TIME',
  'OTHER',
] as const;
export type Unit = (typeof UNITS)[number];

/** FOCUS 1.2 ServiceCategory values, as enum names. */
export const SERVICE_CATEGORIES = [
  'AI_AND_MACHINE_LEARNING',
  'ANALYTICS',
  'BUSINESS_APPLICATIONS',
  'COMPUTE',
  'DATABASES',
  'DEVELOPER_TOOLS',
  'MULTICLOUD',
  'IDENTITY',
  'INTEGRATION',
  'INTERNET_OF_THINGS',
  'MANAGEMENT_AND_GOVERNANCE',
  'MEDIA',
  'MIGRATION',
  'MOBILE',
  'NETWORKING',
  'SECURITY',
  'STORAGE',
  'WEB',
  'OTHER',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** FOCUS's display names for ServiceCategory, used in exports. */
export const SERVICE_CATEGORY_FOCUS_NAMES: Record<ServiceCategory, string> = {
  AI_AND_MACHINE_LEARNING: 'AI and Machine Learning',
  ANALYTICS: 'Analytics',
  BUSINESS_APPLICATIONS: 'Business Applications',
  COMPUTE: 'Compute',
  DATABASES: 'Databases',
  DEVELOPER_TOOLS: 'Developer Tools',
  MULTICLOUD: 'Multicloud',
  IDENTITY: 'Identity',
  INTEGRATION: 'Integration',
  INTERNET_OF_THINGS: 'Internet of Things',
  MANAGEMENT_AND_GOVERNANCE: 'Management and Governance',
  MEDIA: 'Media',
  MIGRATION: 'Migration',
  MOBILE: 'Mobile',
  NETWORKING: 'Networking',
  SECURITY: 'Security',
  STORAGE: 'Storage',
  WEB: 'Web',
  OTHER: 'Other',
};

/**
 * What an offer prices: a whole instance, one vCPU or GiB of a custom machine (GCP prices
 * cores and memory separately), an accelerator, storage, data transfer, a dedicated host.
 */
export const RESOURCE_KINDS = [
  'INSTANCE',
  'VCPU',
  'MEMORY',
  'ACCELERATOR',
  'STORAGE',
  'DATA_TRANSFER',
  'DEDICATED_HOST',
  'REQUEST',
  'OTHER',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const ARCHITECTURES = ['x86_64', 'arm64', 'i386'] as const;
export type Arch = (typeof ARCHITECTURES)[number];

export const CATALOG_VERSION_STATUSES = ['IMPORTING', 'ACTIVE', 'SUPERSEDED', 'FAILED'] as const;
export type CatalogVersionStatus = (typeof CATALOG_VERSION_STATUSES)[number];

export const EU_ADEQUACY = ['EEA', 'FULL', 'PARTIAL', 'NONE'] as const;
export type EuAdequacy = (typeof EU_ADEQUACY)[number];

export const SLA_SCOPES = ['SINGLE_INSTANCE', 'AVAILABILITY_SET', 'MULTI_ZONE', 'MULTI_REGION'] as const;

export const EGRESS_DESTINATIONS = ['INTERNET', 'SAME_PROVIDER', 'OTHER_PROVIDER'] as const;
export type EgressDestination = (typeof EGRESS_DESTINATIONS)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
