import type { Arch, OperatingSystem } from '../../../domain/catalog/catalog-enums.js';
import { parseDecimal, toNumericString } from '../../../domain/money.js';
import type { ParsedInstanceType } from '../catalog-importer.js';

/**
 * EC2 words shared by the three AWS formats (offer file, pricing page, spot feed), so the
 * same instance gets the same OS, variant and spec whichever feed it came from.
 */

/** `p4d.24xlarge` → `p4d`; `u7i-12tb.224xlarge` → `u7i-12tb`. */
export function instanceFamily(instanceType: string): string | null {
  const dot = instanceType.indexOf('.');
  return dot > 0 ? instanceType.slice(0, dot) : null;
}

/**
 * Graviton families carry a `g` right after the generation digit (m6g, c7gn, t4g, im4gn,
 * is4gen, x2gd, g5g); a1 is the first Graviton. Used only where the feed names no processor.
 */
export function archFromInstanceName(instanceType: string): Arch {
  const family = instanceFamily(instanceType) ?? instanceType;
  if (family === 'a1' || /^[a-z]+\d+g/.test(family) || /^mac\d*-?m\d|^mac2/.test(family)) return 'arm64';
  return 'x86_64';
}

/** From the offer file's processor fields; the name heuristic only when they say nothing. */
export function archFromProcessor(
  physicalProcessor: string | undefined,
  architecture: string | undefined,
  name: string,
): Arch {
  if (physicalProcessor && /graviton|apple m\d/i.test(physicalProcessor)) return 'arm64';
  if (architecture && /arm/i.test(architecture)) return 'arm64';
  if (architecture && /^32-bit$/i.test(architecture)) return 'i386';
  if (physicalProcessor && /intel|amd|xeon|epyc/i.test(physicalProcessor)) return 'x86_64';
  return archFromInstanceName(name);
}

/** `.metal` sizes are priced like any size, but the catalog treats them as a variant (whole host, no hypervisor). */
export function isBareMetal(instanceType: string): boolean {
  return /\.metal(-|$)/.test(instanceType);
}

/** The offer file's and pricing page's `operatingSystem` (Linux, Windows, RHEL, SUSE, Ubuntu Pro, …). */
export function osFromAwsName(operatingSystem: string | undefined): {
  os: OperatingSystem | null;
  variant: string | null;
} {
  if (!operatingSystem || operatingSystem === 'NA') return { os: null, variant: null };
  const name = operatingSystem.toLowerCase();
  if (name === 'linux') return { os: 'LINUX', variant: null };
  if (name === 'windows') return { os: 'WINDOWS', variant: null };
  if (name === 'rhel') return { os: 'RHEL', variant: null };
  if (name.startsWith('red hat enterprise linux')) return { os: 'RHEL', variant: slug(operatingSystem) };
  if (name === 'suse') return { os: 'SUSE', variant: null };
  return { os: 'OTHER', variant: slug(operatingSystem) };
}

/**
 * The variant of an EC2 price: anything that is not the shared-tenancy, licence-included,
 * no-extra-software price of its instance type. Several at once join with '+'.
 */
export function ec2Variant(fields: {
  instanceType?: string;
  tenancy?: string;
  licenseModel?: string;
  preInstalledSw?: string;
  capacityStatus?: string;
  osVariant?: string | null;
  bareMetalFamily?: boolean;
}): string | null {
  const parts: string[] = [];
  const tenancy = fields.tenancy?.toLowerCase();
  if (tenancy === 'dedicated') parts.push('dedicated');
  else if (tenancy === 'host') parts.push('host');
  else if (tenancy && tenancy !== 'shared' && tenancy !== 'na') parts.push(slug(tenancy));
  if (fields.licenseModel && /bring your own/i.test(fields.licenseModel)) parts.push('byol');
  if (fields.preInstalledSw && fields.preInstalledSw !== 'NA')
    parts.push(preInstalledVariant(fields.preInstalledSw));
  if (fields.capacityStatus && fields.capacityStatus !== 'Used')
    parts.push(capacityVariant(fields.capacityStatus));
  if (fields.osVariant) parts.push(fields.osVariant);
  if (fields.bareMetalFamily || (fields.instanceType && isBareMetal(fields.instanceType)))
    parts.push('bare-metal');
  return parts.length > 0 ? parts.join('+') : null;
}

/** `SQL Web` → `sql-web`, `SQL Std` → `sql-std`. */
function preInstalledVariant(software: string): string {
  return slug(software);
}

function capacityVariant(status: string): string {
  if (status === 'AllocatedCapacityReservation') return 'capacity-reservation';
  if (status === 'UnusedCapacityReservation') return 'unused-capacity-reservation';
  return slug(status.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

export function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** "1152 GiB", "0.5 GiB", "8,192 GiB" → "1152"; null for "NA". */
export function gibFromText(raw: string | undefined): string | null {
  if (!raw) return null;
  const match = /^([\d,]+(?:\.\d+)?)\s*(GiB|GB)?$/i.exec(raw.trim());
  const value = match ? parseDecimal(match[1].replace(/,/g, '')) : null;
  return value ? toNumericString(value) : null;
}

export function countFromText(raw: string | undefined): string | null {
  const value = raw ? parseDecimal(raw.replace(/,/g, '')) : null;
  return value && value.isInteger() && !value.isNegative() ? toNumericString(value) : null;
}

/** An instance spec, or null when vCPU or memory cannot be read (then nothing is claimed). */
export function ec2InstanceSpec(input: {
  providerId: string;
  name: string;
  vcpu?: string;
  memory?: string;
  gpu?: string;
  gpuMemory?: string;
  arch: Arch;
}): ParsedInstanceType | null {
  const vcpu = countFromText(input.vcpu);
  const memoryGib = gibFromText(input.memory);
  if (!vcpu || !memoryGib) return null;
  return {
    providerId: input.providerId,
    name: input.name,
    vcpu,
    memoryGib,
    gpuModel: null,
    gpuCount: countFromText(input.gpu) ?? '0',
    gpuMemoryGib: gibFromText(input.gpuMemory),
    arch: input.arch,
    family: instanceFamily(input.name),
  };
}
