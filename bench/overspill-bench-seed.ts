import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OverspillBench } from '../src/domain/overspill/overspill-bench-data.js';

/**
 * Puts the pure benchmark's sites into a database for the service path: one simulated on-prem
 * provider with a region per site (capacity from the generated snapshot, so each site starts at
 * its generated utilisation), three cloud regions to burst to, and the workloads with their
 * running deployments, bulk-inserted (the service path is measured, not the setup).
 */
export const ONPREM = 'bench-onprem';
const SIZES = [1, 2, 4, 8, 16, 32];
const HEADER =
  'record,provider,region,name,kind,country,latitude,longitude,capacity_vcpu,capacity_memory_gib,vcpu,memory_gib,price_per_hour,currency,adapter_id';

const instances = (provider: string, region: string, perVcpuHour: number) =>
  SIZES.map(
    (v) => `instance,${provider},${region},x.${v},,,,,,,${v},${v * 8},${(v * perVcpuHour).toFixed(4)},USD,`,
  );

export function benchCatalog(bench: OverspillBench): Record<string, string> {
  const onprem = [HEADER, `provider,${ONPREM},,Benchmark on-prem sites,PRIVATE_CLOUD,DE,,,,,,,,,simulated`];
  bench.inputs.forEach((input, i) => {
    const region = input.capacity.site;
    const { totalVcpu, totalMemoryGib } = input.capacity;
    onprem.push(
      `region,${ONPREM},${region},Site ${i},,DE,${(48 + i / 10).toFixed(2)},${(8 + i / 10).toFixed(2)},${totalVcpu},${totalMemoryGib},,,,,`,
      ...instances(ONPREM, region, 0.01),
    );
  });
  const cloud = (provider: string, country: string, regions: string[], perVcpuHour: number) =>
    [
      HEADER,
      `provider,${provider},,Benchmark cloud ${provider},PUBLIC_CLOUD,${country},,,,,,,,,simulated`,
      ...regions.flatMap((r, i) => [
        `region,${provider},${r},${r},,${country},${50 + i},${5 + i},,,,,,,`,
        ...instances(provider, r, perVcpuHour + i * 0.002),
      ]),
    ].join('\n');
  return {
    'bench-onprem.cumulus.csv': onprem.join('\n'),
    'bench-cloud-x.cumulus.csv': cloud('bench-cloud-x', 'DE', ['x1', 'x2'], 0.04),
    'bench-cloud-y.cumulus.csv': cloud('bench-cloud-y', 'NL', ['y1'], 0.045),
  };
}

/** Workloads and their deployments, one JSON parameter per table (fast on PGlite and PostgreSQL). */
export async function seedWorkloads(db: DataSource, tenant: string, bench: OverspillBench): Promise<number> {
  const workloads: Record<string, unknown>[] = [];
  const deployments: Record<string, unknown>[] = [];
  for (const input of bench.inputs) {
    for (const w of input.workloads) {
      const id = randomUUID();
      const spec = {
        name: w.id,
        components: [{ name: 'c0', count: 1, vcpu: w.vcpu, memoryGib: w.memoryGib }],
        burstable: w.burstable,
        priority: w.priority,
        tags: w.tags,
      };
      workloads.push({
        id,
        tenant,
        name: w.id,
        spec,
        burstable: w.burstable,
        priority: w.priority,
        tags: w.tags,
      });
      deployments.push({
        id: randomUUID(),
        tenant,
        workload_id: id,
        region_code: input.capacity.site,
        vcpu: w.vcpu,
        memory_gib: w.memoryGib,
      });
    }
  }
  for (let i = 0; i < workloads.length; i += 2000) {
    await db.query(
      `INSERT INTO workloads (id, tenant, name, description, spec, burstable, priority, tags, revision, created_by)
       SELECT x.id, x.tenant, x.name, NULL, x.spec, x.burstable, x.priority,
              ARRAY(SELECT jsonb_array_elements_text(x.tags)), 1, 'bench'
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, tenant text, name text, spec jsonb, burstable boolean,
            priority integer, tags jsonb)`,
      [JSON.stringify(workloads.slice(i, i + 2000))],
    );
    await db.query(
      `INSERT INTO deployments (id, tenant, workload_id, component, provider_id, region_code, purchase_option,
              instance_count, vcpu, memory_gib, price_per_hour, currency, price_per_hour_usd, started_at, source, tags)
       SELECT x.id, x.tenant, x.workload_id, 'c0', '${ONPREM}', x.region_code, 'ON_DEMAND', 1, x.vcpu, x.memory_gib,
              0.01, 'USD', 0.01, now(), 'MANUAL', '{}'::jsonb
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, tenant text, workload_id uuid, region_code text,
            vcpu numeric, memory_gib numeric)`,
      [JSON.stringify(deployments.slice(i, i + 2000))],
    );
  }
  return workloads.length;
}
