import type { Arch } from '../../../domain/catalog/catalog-enums.js';

/**
 * CPU architecture from a provider's documented instance naming convention, for sources that
 * list a type without its architecture (SkyPilot's GCP and Azure catalogs, AWS's pricing page).
 * Null when the provider or the name does not follow a convention known here.
 *
 * - AWS: `<series><generation><attributes>.<size>`; attribute letter `g` = AWS Graviton
 *   (c7g, m6gd, im4gn, is4gen, and p6e-gb200's Grace CPU); a1 is first-generation Graviton;
 *   mac2 and later Mac families are Apple silicon; mac1 is Intel.
 * - Azure: `Standard_<family><vCPUs>[-<constrained>]<features>[_<accelerator>][_v<N>]`;
 *   feature letter `p` = Arm (Dpsv5, Epsv6, B2pts_v2).
 * - GCP: the machine series before the first '-'; T2A (Ampere Altra), C4A and N4A (Axion) are Arm.
 */
export function archFromInstanceName(providerId: string, name: string): Arch | null {
  switch (providerId) {
    case 'aws':
      return awsArch(name);
    case 'azure':
      return azureArch(name);
    case 'gcp':
      return gcpArch(name);
    default:
      return null;
  }
}

const GCP_ARM_SERIES = new Set(['t2a', 'c4a', 'n4a']);

function awsArch(name: string): Arch | null {
  const family = name.split('.')[0] ?? '';
  if (family === 'a1') return 'arm64';
  if (family === 'mac1') return 'x86_64';
  if (family.startsWith('mac')) return 'arm64';
  if (family.startsWith('u-')) return 'x86_64';
  const match = /^([a-z]+)(\d+)([a-z0-9-]*)$/.exec(family);
  if (!match) return null;
  return match[3].includes('g') ? 'arm64' : 'x86_64';
}

function azureArch(name: string): Arch | null {
  const match = /^(?:Standard|Basic)_([A-Z]+)(\d+)(?:-\d+)?([a-z]*)(?:_.*)?$/.exec(name);
  if (!match) return null;
  return match[3].includes('p') ? 'arm64' : 'x86_64';
}

function gcpArch(name: string): Arch | null {
  const match = /^([a-z0-9]+)-/.exec(name);
  if (!match) return null;
  return GCP_ARM_SERIES.has(match[1]) ? 'arm64' : 'x86_64';
}
