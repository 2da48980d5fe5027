import { ARCHITECTURES, isOneOf, type Arch } from '../../../domain/catalog/catalog-enums.js';
import { money, parseDecimal } from '../../../domain/money.js';
import { canonical } from './csv-values.js';
import { CsvHeader } from './csv-rows.js';
import { parsePythonLiteral } from './python-literal.js';

/**
 * The column layouts SkyPilot's `vms.csv` has had (see ../shared/data/skypilot-catalog/SOURCE.md).
 * Known layouts are matched by their exact column order and tell the provider; any other
 * layout made of SkyPilot's generic columns is read too, with the provider given by the user.
 */
export interface SkypilotVariant {
  readonly id: string;
  readonly label: string;
  /** Null when the layout does not say which cloud it describes. */
  readonly provider: string | null;
  readonly columns: readonly string[] | null;
  /** Reads one row into the common shape (the layout-specific part of the import). */
  readonly read: (header: CsvHeader, values: readonly string[]) => SkypilotRow;
}

/** A row in SkyPilot's common vocabulary; strings are the cells as written ('' when absent). */
export interface SkypilotRow {
  readonly instanceType: string;
  readonly acceleratorName: string;
  readonly acceleratorCount: string;
  /** '' when the layout has no vCPU column (GCP 2022: accelerators only). */
  readonly vcpus: string;
  readonly memoryGib: string;
  /** Memory of one GPU in GiB, from GpuInfo when it is a boto3 dict. */
  readonly gpuMemoryGib: string | null;
  readonly price: string;
  readonly spotPrice: string;
  readonly region: string;
  readonly zone: string;
  /** The cell as written, or null when the layout has no Arch column. */
  readonly arch: string | null;
  readonly attributes: Record<string, unknown>;
}

const GENERIC_COLUMNS = [
  'InstanceType',
  'AcceleratorName',
  'AcceleratorCount',
  'vCPUs',
  'MemoryGiB',
  'GpuInfo',
  'Price',
  'SpotPrice',
  'Region',
  'AvailabilityZone',
  'Arch',
  'Generation',
] as const;
export const GENERIC_REQUIRED = ['InstanceType', 'Price', 'Region'] as const;

function readGeneric(header: CsvHeader, values: readonly string[]): SkypilotRow {
  const get = (name: string) => header.get(values, name);
  const attributes: Record<string, unknown> = {};
  const generation = get('Generation');
  if (generation) attributes.hyperVGenerations = generation.split(',').map((g) => g.trim());
  return {
    instanceType: get('InstanceType'),
    acceleratorName: get('AcceleratorName'),
    acceleratorCount: get('AcceleratorCount'),
    vcpus: get('vCPUs'),
    memoryGib: get('MemoryGiB'),
    gpuMemoryGib: gpuMemoryPerGpuGib(get('GpuInfo')),
    price: get('Price'),
    spotPrice: get('SpotPrice'),
    region: get('Region'),
    zone: get('AvailabilityZone'),
    arch: header.has('Arch') ? get('Arch') : null,
    attributes,
  };
}

/** The 2021 prototype: a boto3 describe_instance_types dump with a PricePerHour column. */
function readAws2021(header: CsvHeader, values: readonly string[]): SkypilotRow {
  const get = (name: string) => header.get(values, name);
  const vcpuInfo = asRecord(parsePythonLiteral(get('VCpuInfo')));
  const memoryInfo = asRecord(parsePythonLiteral(get('MemoryInfo')));
  const processor = asRecord(parsePythonLiteral(get('ProcessorInfo')));
  const mib = memoryInfo?.SizeInMiB;
  const architectures = Array.isArray(processor?.SupportedArchitectures)
    ? (processor.SupportedArchitectures as unknown[])
    : [];
  return {
    instanceType: get('InstanceType'),
    acceleratorName: get('GpuName'),
    acceleratorCount: get('GpuCount'),
    vcpus: typeof vcpuInfo?.DefaultVCpus === 'number' ? String(vcpuInfo.DefaultVCpus) : '',
    memoryGib: typeof mib === 'number' ? canonical(money(mib).div(1024)) : '',
    gpuMemoryGib: gpuMemoryPerGpuGib(get('GpuInfo')),
    price: get('PricePerHour'),
    spotPrice: '',
    region: get('Region'),
    zone: '',
    arch: architectures.includes('arm64')
      ? 'arm64'
      : architectures.includes('x86_64')
        ? 'x86_64'
        : architectures.includes('i386')
          ? 'i386'
          : '',
    attributes: { currentGeneration: get('CurrentGeneration') === 'True' },
  };
}

export const SKYPILOT_VARIANTS: readonly SkypilotVariant[] = [
  {
    id: 'aws-v8',
    label: 'AWS v8',
    provider: 'aws',
    columns: [
      'InstanceType',
      'AcceleratorName',
      'AcceleratorCount',
      'vCPUs',
      'MemoryGiB',
      'GpuInfo',
      'Price',
      'SpotPrice',
      'Region',
      'AvailabilityZone',
      'Arch',
    ],
    read: readGeneric,
  },
  {
    id: 'gcp-v8',
    label: 'GCP v8',
    provider: 'gcp',
    columns: [
      'InstanceType',
      'vCPUs',
      'MemoryGiB',
      'AcceleratorName',
      'AcceleratorCount',
      'GpuInfo',
      'Region',
      'AvailabilityZone',
      'Price',
      'SpotPrice',
    ],
    read: readGeneric,
  },
  {
    id: 'azure-v7',
    label: 'Azure v7',
    provider: 'azure',
    columns: [
      'InstanceType',
      'AcceleratorName',
      'AcceleratorCount',
      'vCPUs',
      'MemoryGiB',
      'GpuInfo',
      'Price',
      'SpotPrice',
      'Region',
      'Generation',
    ],
    read: readGeneric,
  },
  {
    id: 'gcp-2022',
    label: 'GCP 2022 (accelerators)',
    provider: 'gcp',
    columns: [
      'InstanceType',
      'AcceleratorName',
      'AcceleratorCount',
      'MemoryGiB',
      'GpuInfo',
      'Price',
      'SpotPrice',
      'Region',
      'AvailabilityZone',
    ],
    read: readGeneric,
  },
  {
    id: 'aws-2021',
    label: 'AWS 2021 (prototype, PricePerHour)',
    provider: 'aws',
    columns: [
      'InstanceType',
      'CurrentGeneration',
      'FreeTierEligible',
      'SupportedUsageClasses',
      'SupportedRootDeviceTypes',
      'SupportedVirtualizationTypes',
      'BareMetal',
      'Hypervisor',
      'ProcessorInfo',
      'VCpuInfo',
      'MemoryInfo',
      'InstanceStorageSupported',
      'EbsInfo',
      'NetworkInfo',
      'PlacementGroupInfo',
      'HibernationSupported',
      'BurstablePerformanceSupported',
      'DedicatedHostsSupported',
      'AutoRecoverySupported',
      'SupportedBootModes',
      'InstanceStorageInfo',
      'GpuInfo',
      'InferenceAcceleratorInfo',
      'Region',
      'PricePerHour',
      'GpuName',
      'GpuCount',
      'FpgaInfo',
    ],
    read: readAws2021,
  },
  {
    id: 'vsphere',
    label: 'vSphere (on-prem)',
    provider: null,
    columns: [
      'AvailabilityZone',
      'InstanceType',
      'vCPUs',
      'MemoryGiB',
      'AcceleratorName',
      'AcceleratorCount',
      'GpuInfo',
      'Region',
      'Price',
      'SpotPrice',
    ],
    read: readGeneric,
  },
];

const GENERIC_VARIANT: SkypilotVariant = {
  id: 'generic',
  label: 'generic SkyPilot',
  provider: null,
  columns: null,
  read: readGeneric,
};

/** The layout a header is, or why it is none of them. */
export function matchVariant(columns: readonly string[]): { variant: SkypilotVariant } | { problem: string } {
  const known = SKYPILOT_VARIANTS.find(
    (v) => v.columns!.length === columns.length && v.columns!.every((c, i) => c === columns[i]),
  );
  if (known) return { variant: known };
  const missing = GENERIC_REQUIRED.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !(GENERIC_COLUMNS as readonly string[]).includes(c));
  if (missing.length === 0 && unknown.length === 0) return { variant: GENERIC_VARIANT };
  const known_ = SKYPILOT_VARIANTS.map((v) => v.label).join(', ');
  const parts = [
    missing.length ? `missing column(s) ${missing.join(', ')}` : null,
    unknown.length ? `column(s) ${unknown.slice(0, 5).join(', ')} are not SkyPilot's` : null,
  ].filter(Boolean);
  return { problem: `header matches no SkyPilot vms.csv layout (${known_}): ${parts.join('; ')}` };
}

/** Validates an Arch cell; '' and null mean "not stated". */
export function archCell(raw: string | null): { arch: Arch | null } | { problem: string } {
  if (raw === null || raw === '') return { arch: null };
  return isOneOf(ARCHITECTURES, raw) ? { arch: raw } : { problem: `invalid Arch: "${raw}"` };
}

/** Per-GPU memory from a boto3 GpuInfo repr; null for a bare name (GCP) or no GPU. */
function gpuMemoryPerGpuGib(raw: string): string | null {
  if (!raw) return null;
  const info = asRecord(parsePythonLiteral(raw));
  const gpus = Array.isArray(info?.Gpus) ? (info.Gpus as unknown[]) : [];
  const first = asRecord(gpus[0]);
  const mib = asRecord(first?.MemoryInfo)?.SizeInMiB;
  if (typeof mib === 'number' && mib > 0) return canonical(money(mib).div(1024));
  const total = info?.TotalGpuMemoryInMiB;
  const count = typeof first?.Count === 'number' ? first.Count : null;
  if (typeof total === 'number' && count) return canonical(money(total).div(1024).div(count));
  return null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** SkyPilot writes counts as floats ("4.0"); an accelerator count must be a positive number. */
export function countCell(raw: string): string | null {
  const value = parseDecimal(raw);
  return value && value.greaterThan(0) ? canonical(value) : null;
}
