/**
 * Builds the starter catalog shipped in src/catalog/starter/ from ../shared/data (or
 * CUMULUS_SHARED_DATA): reference files in their reference formats or as trimmed copies of
 * permissively licensed files, and offers as cumulus-csv carrying facts extracted from the
 * price sources. Every file is read back through its importer before anything is written.
 * Run: npm run starter:build
 */
import fs from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { attributionMarkdown } from './starter/attribution.js';
import { awsOffersFile } from './starter/aws-offers.js';
import { azureOffersFile } from './starter/azure-offers.js';
import { gcpOffersFile } from './starter/gcp-offers.js';
import { onpremExampleFile } from './starter/onprem-example.js';
import {
  awsLocationsFile,
  azureLocationsFile,
  copiedFile,
  csvSubset,
  providersFile,
  regionsFile,
  skyplane,
} from './starter/reference-files.js';
import { projectRoot, sharedDataDir, type StarterFile } from './starter/starter-io.js';
import { validateStarter } from './starter/validate-starter.js';

const MAX_BYTES = 8 * 1024 * 1024;

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(sharedDataDir(), 'regions')))
    throw new Error(`no shared data at ${sharedDataDir()} (set CUMULUS_SHARED_DATA)`);
  const aws = await awsOffersFile();
  const azure = azureOffersFile();
  const gcp = gcpOffersFile();
  const premium = (r: Record<string, string>) => r.src_tier === 'PREMIUM' && r.dst_tier === 'PREMIUM';
  const files: StarterFile[] = [
    providersFile(),
    regionsFile(),
    awsLocationsFile(),
    azureLocationsFile(),
    copiedFile({
      format: 'jurisdictions-csv',
      file: 'jurisdictions.csv',
      from: 'jurisdiction/jurisdiction_seed.csv',
      description: '63 countries: EU/EEA membership, EU adequacy, primary data-protection regime',
      source: {
        upstream: 'Cumulus research (../shared/data/jurisdiction)',
        path: 'jurisdiction/jurisdiction_seed.csv',
        licence:
          'compiled facts (EU/EEA treaties, European Commission adequacy decisions, national laws); not legal advice',
        extracted: 'the whole file',
      },
    }),
    copiedFile({
      format: 'sla-csv',
      file: 'slas.csv',
      from: 'sla/compute_slas.csv',
      description: 'Compute SLAs of AWS, Azure, GCP and OCI with service-credit tiers',
      source: {
        upstream: 'Cumulus research (../shared/data/sla)',
        path: 'sla/compute_slas.csv',
        licence: 'compiled facts from the providers’ SLA pages (rows marked "from memory" were not re-read)',
        extracted: 'the whole file',
      },
    }),
    copiedFile({
      format: 'gcp-carbon',
      file: 'gcp-region-carbon-2024.csv',
      from: 'carbon/gcp-region-carbon-info/2024.csv',
      provider: 'gcp',
      description: 'Google Cloud region carbon info 2024: grid carbon intensity and CFE of GCP regions',
      source: {
        upstream: 'GoogleCloudPlatform/region-carbon-info @ 49f3f26bfd682305e8d9b572fea1f811900421a9',
        path: 'data/yearly/2024.csv',
        licence: 'Apache-2.0',
        extracted: 'the whole file',
      },
    }),
    copiedFile({
      format: 'ccf-carbon',
      file: 'ccf-emission-factors.csv',
      from: 'carbon/ccf_emission_factors_by_region.csv',
      description: 'Cloud Carbon Footprint emission factors by region (grid basis used)',
      source: {
        upstream: 'cloud-carbon-footprint/cloud-carbon-footprint @ b7a049c7d25c0022919ab9010199dd9e77aa4577',
        path: 'packages/{aws,azure,gcp,ali}/src/domain/*FootprintEstimationConstants.ts (values as extracted in ../shared/data/carbon)',
        licence: 'Apache-2.0',
        extracted: 'emission factor per provider, basis and region',
      },
    }),
    aws.file,
    azure.file,
    gcp.file,
    onpremExampleFile(),
    copiedFile({
      format: 'azure-rtt-matrix',
      file: 'azure-rtt-p95-2026-07.csv',
      from: 'latency/azure_interregion_rtt_p95_ms_2026-07.csv',
      provider: 'azure',
      description: 'Azure inter-region round-trip latency, P95 ms over 30 days to 2026-07-30',
      source: {
        upstream:
          'Microsoft, "Azure network round-trip latency statistics" (mbender-ms/azure-docs @ 5b3e2055eddead4c24aac48156dad9f006268126)',
        path: 'articles/networking/azure-network-latency.md (embedded csv table)',
        licence: 'CC-BY-4.0 (Microsoft Docs content): © Microsoft, reproduced with attribution',
        extracted: 'the P95 RTT matrix',
      },
    }),
    csvSubset({
      format: 'skyplane-latency',
      file: 'skyplane-latency.csv',
      from: 'latency/skyplane/latency.csv',
      columns: ['src_region', 'src_tier', 'dst_region', 'dst_tier', 'avg_rtt'],
      keep: premium,
      description: (n) =>
        `Skyplane measured average RTT, ${n} PREMIUM-tier region pairs across AWS, Azure and GCP (2022)`,
      source: {
        ...skyplane('profiles/latency.csv'),
        extracted: 'PREMIUM↔PREMIUM rows; columns src/dst region and tier, avg_rtt',
      },
    }),
    csvSubset({
      format: 'skyplane-throughput',
      file: 'skyplane-throughput.csv',
      from: 'latency/skyplane/throughput.csv',
      columns: ['src_region', 'src_tier', 'dst_region', 'dst_tier', 'throughput_received', 'success'],
      keep: (r) => premium(r) && r.success === 'True',
      description: (n) =>
        `Skyplane measured throughput (iperf3, 64 connections), ${n} PREMIUM-tier region pairs (2022)`,
      source: {
        ...skyplane('profiles/throughput.csv'),
        extracted:
          'successful PREMIUM↔PREMIUM rows, first measurement of a pair; columns src/dst region and tier, throughput_received, success',
      },
    }),
    copiedFile({
      format: 'skyplane-egress',
      file: 'skyplane-egress.csv',
      from: 'latency/skyplane/egress_cost_per_gb.csv',
      description: 'Egress USD per GB between AWS, Azure and GCP regions (Skyplane, 2022 list prices)',
      source: { ...skyplane('profiles/cost.csv'), extracted: 'the whole file' },
    }),
    copiedFile({
      format: 'aws-transfer-costs',
      file: 'aws-transfer-costs.csv',
      from: 'latency/skyplane/aws_transfer_costs.csv',
      provider: 'aws',
      description: 'AWS data transfer USD per GB to the internet and between regions (Skyplane)',
      source: {
        ...skyplane(
          'skyplane/data/aws_transfer_costs.csv',
          'skyplane-project/skyplane @ 4602d9cec2083142831f7f208b413ca2bf091bd8',
        ),
        extracted: 'the whole file',
      },
    }),
  ];

  const counts = await validateStarter(files);
  const dir = path.join(projectRoot(), 'src', 'catalog', 'starter');
  fs.mkdirSync(dir, { recursive: true });
  const keep = new Set(files.map((f) => f.file));
  for (const name of fs.readdirSync(dir)) {
    if (/\.(csv|json)$/.test(name) && name !== 'manifest.json' && !keep.has(name))
      fs.rmSync(path.join(dir, name));
  }
  // JSON and Markdown go through prettier so `npm run format:check` passes; CSV is written as built.
  const write = async (name: string, content: string) => {
    const filepath = path.join(dir, name);
    const pretty = /\.(json|md)$/.test(name)
      ? await format(content, { ...(await resolveConfig(filepath)), filepath })
      : content;
    fs.writeFileSync(filepath, pretty);
  };
  for (const f of files) await write(f.file, f.content);
  const manifest = files.map((f) => ({
    format: f.format,
    file: f.file,
    ...(f.provider ? { provider: f.provider } : {}),
    description: f.description,
  }));
  await write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  await write(
    'ATTRIBUTION.md',
    attributionMarkdown(files, counts, { aws: aws.report, azure: azure.report, gcp: gcp.report }, bytes),
  );

  for (const f of files) {
    const c = counts.get(f.file)!;
    console.log(
      `${f.file.padEnd(32)} ${f.format.padEnd(20)} ${String(Buffer.byteLength(f.content)).padStart(9)} B  ${c.summary}`,
    );
  }
  console.log(`total ${bytes} bytes in ${files.length} files`);
  console.log(
    `aws specs: ${JSON.stringify({ ...aws.report, acceleratedWithoutFacts: aws.report.acceleratedWithoutFacts.length })}`,
  );
  console.log(`azure: ${JSON.stringify(azure.report)}`);
  console.log(`gcp: ${JSON.stringify(gcp.report)}`);
  if (bytes > MAX_BYTES) throw new Error(`the starter catalog is ${bytes} bytes, over ${MAX_BYTES}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
