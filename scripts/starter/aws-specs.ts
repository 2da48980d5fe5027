import { SkypilotCsvImporter } from '../../src/catalog/importers/skypilot-csv.importer.js';
import { collectRecords, standaloneContext } from '../../src/catalog/importers/csv/collect-records.js';
import { archFromInstanceName } from '../../src/catalog/importers/csv/instance-arch.js';
import { fileSource } from '../../src/catalog/importers/file-source.js';
import type { Arch } from '../../src/domain/catalog/catalog-enums.js';
import { money } from '../../src/domain/money.js';
import { readCsv, readJson, shared } from './starter-io.js';

export interface AwsSpec {
  vcpu: string;
  memoryGib: string;
  arch: Arch;
  gpuModel: string | null;
  gpuCount: string | null;
  gpuMemoryGib: string | null;
}

export interface PricingPageEntry {
  price: string;
  vCPU: string;
  Memory: string;
  'Instance Type': string;
  'Instance Family': string;
}

/** Families whose instances carry accelerators: their specs need the accelerator facts too. */
const ACCELERATED_FAMILY = /^(p\d|g\d|gr\d|inf\d|trn\d|f\d|vt\d|dl\d)/;
const ACCELERATED_PAGE_FAMILIES = new Set([
  'GPU instance',
  'Machine Learning ASIC Instances',
  'FPGA Instances',
  'Media Accelerator Instances',
]);

interface Partial {
  vcpu?: string;
  memoryGib?: string;
  arch?: Arch;
  gpuModel?: string;
  gpuCount?: string;
  gpuMemoryGib?: string | null;
  accelerated?: boolean;
}

export interface AwsSpecReport {
  types: number;
  archStated: number;
  archFromName: number;
  archRuleDisagreements: string[];
  acceleratedWithoutFacts: string[];
}

/**
 * Specs of AWS instance types joined from every spec source: vCPU and memory from the pricing
 * page (then the older dumps), architecture as a source states it (else AWS's naming rule,
 * checked against every stated one), GPUs from sources that list them. An accelerated type
 * without accelerator facts gets no spec at all rather than a false "0 GPUs".
 */
export async function awsSpecs(
  page: PricingPageEntry[],
): Promise<{ specs: Map<string, AwsSpec>; report: AwsSpecReport }> {
  const facts = new Map<string, Partial>();
  const add = (name: string, f: Partial) => {
    const current = facts.get(name) ?? {};
    facts.set(name, {
      vcpu: current.vcpu ?? f.vcpu,
      memoryGib: current.memoryGib ?? f.memoryGib,
      arch: current.arch ?? f.arch,
      gpuModel: current.gpuModel ?? f.gpuModel,
      gpuCount: current.gpuCount ?? f.gpuCount,
      gpuMemoryGib: current.gpuMemoryGib ?? f.gpuMemoryGib,
      accelerated: current.accelerated || f.accelerated,
    });
  };
  for (const e of page) {
    add(e['Instance Type'], {
      vcpu: money(e.vCPU).toFixed(),
      memoryGib: money(e.Memory.replace(/\s*GiB$/, '')).toFixed(),
      accelerated: ACCELERATED_PAGE_FAMILIES.has(e['Instance Family']),
    });
  }
  for (const file of [
    'extra/ec2-describe-instance-types.json',
    'extra/ec2-describe-instance-types-pv.json',
  ]) {
    for (const t of readJson<{ InstanceTypes: DescribedType[] }>(file).InstanceTypes)
      add(t.InstanceType, described(t));
  }
  for (const r of readCsv('extra/aws-instance-types-karpenter.csv')) {
    const gpu = r.gpu_name
      ? { gpuModel: r.gpu_name, gpuCount: r.gpu_count, gpuMemoryGib: mib(r.gpu_memory_mib) }
      : null;
    const neuron = r.neuron_device_name
      ? {
          gpuModel: r.neuron_device_name,
          gpuCount: r.neuron_device_count,
          gpuMemoryGib: mib(r.neuron_device_memory_mib),
        }
      : null;
    add(r.instance_type, {
      vcpu: r.vcpu,
      memoryGib: mib(r.memory_mib) ?? undefined,
      arch: r.arch as Arch,
      ...(gpu ?? neuron ?? {}),
    });
  }
  for (const file of [
    'skypilot-catalog/catalogs/v8/aws/vms.excerpt.csv',
    'skypilot-catalog/historical-from-skypilot-repo/prototype/sky/clouds/service_catalog/data/aws.csv',
  ]) {
    const { accepted } = await collectRecords(
      new SkypilotCsvImporter(),
      fileSource(shared(file)),
      standaloneContext(),
    );
    for (const t of accepted.flatMap((r) => r.instanceTypes ?? [])) {
      add(t.name, {
        vcpu: t.vcpu,
        memoryGib: t.memoryGib,
        arch: t.arch,
        ...(t.gpuModel ? { gpuModel: t.gpuModel, gpuCount: t.gpuCount, gpuMemoryGib: t.gpuMemoryGib } : {}),
      });
    }
  }

  const report: AwsSpecReport = {
    types: 0,
    archStated: 0,
    archFromName: 0,
    archRuleDisagreements: [],
    acceleratedWithoutFacts: [],
  };
  const specs = new Map<string, AwsSpec>();
  for (const [name, f] of facts) {
    const byName = archFromInstanceName('aws', name);
    if (f.arch && byName && f.arch !== byName && f.arch !== 'i386')
      report.archRuleDisagreements.push(`${name}: ${f.arch} vs rule ${byName}`);
    if (!f.vcpu || !f.memoryGib) continue;
    const accelerated = f.accelerated || ACCELERATED_FAMILY.test(name);
    if (accelerated && !f.gpuModel) {
      report.acceleratedWithoutFacts.push(name);
      continue;
    }
    const arch = f.arch ?? byName;
    if (!arch) continue;
    if (f.arch) report.archStated++;
    else report.archFromName++;
    specs.set(name, {
      vcpu: f.vcpu,
      memoryGib: f.memoryGib,
      arch,
      gpuModel: f.gpuModel ?? null,
      gpuCount: f.gpuModel ? money(f.gpuCount!).toFixed() : null,
      gpuMemoryGib: f.gpuModel ? (f.gpuMemoryGib ?? null) : null,
    });
  }
  report.types = specs.size;
  return { specs, report };
}

interface DescribedType {
  InstanceType: string;
  VCpuInfo: { DefaultVCpus: number };
  MemoryInfo: { SizeInMiB: number };
  ProcessorInfo: { SupportedArchitectures: string[] };
}

function described(t: DescribedType): Partial {
  const archs = t.ProcessorInfo.SupportedArchitectures;
  const arch: Arch | undefined = archs.includes('arm64')
    ? 'arm64'
    : archs.includes('x86_64')
      ? 'x86_64'
      : archs.includes('i386')
        ? 'i386'
        : undefined;
  return {
    vcpu: String(t.VCpuInfo.DefaultVCpus),
    memoryGib: money(t.MemoryInfo.SizeInMiB).div(1024).toFixed(),
    arch,
  };
}

function mib(text: string | undefined): string | null {
  return text ? money(text).div(1024).toFixed() : null;
}
