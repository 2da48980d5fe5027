import { bufferSource } from '../../importers/file-source.js';
import { referenceContext } from '../reference-context.js';
import type { ReferenceImporter, ReferenceImportRecord } from '../reference-importer.js';
import { AzureRttMatrixImporter } from './azure-rtt-matrix.importer.js';
import { FxRatesCsvImporter } from './fx-rates-csv.importer.js';
import { GcpCarbonImporter } from './gcp-carbon.importer.js';
import { JurisdictionsCsvImporter } from './jurisdictions-csv.importer.js';
import { ProvidersCsvImporter } from './providers-csv.importer.js';
import { SkyplaneLatencyImporter } from './skyplane-latency.importer.js';
import { creditTiers, SlaCsvImporter } from './sla-csv.importer.js';

const context = referenceContext({
  providers: ['aws', 'azure', 'gcp'],
  regions: [
    { providerId: 'azure', code: 'westeurope', name: 'West Europe' },
    { providerId: 'azure', code: 'eastus2', name: 'Virginia 2' },
    { providerId: 'gcp', code: 'europe-west3', name: 'Hanau Data Center' },
  ],
  aliases: [{ providerId: 'azure', alias: 'Amsterdam', regionCode: 'westeurope' }],
});

async function read(importer: ReferenceImporter, text: string): Promise<ReferenceImportRecord[]> {
  const out: ReferenceImportRecord[] = [];
  for await (const record of importer.read(bufferSource(`${importer.format}.csv`, text), context))
    out.push(record);
  return out;
}

function outcomes(records: ReferenceImportRecord[]): [string, string][] {
  return records.flatMap((r): [string, string][] =>
    r.kind === 'accepted' ? [[r.position, 'ok']] : r.kind === 'rejected' ? [[r.position, r.reason]] : [],
  );
}

describe('reference importers on hand-made rows', () => {
  it('providers-csv validates id, kind and country', async () => {
    const text =
      'id,name,kind,headquarters_country\nacme,ACME,HOSTING,gb\nACME,ACME,HOSTING,GB\nx,X,CLOUD,GB\ny,Y,HOSTING,GBR\nacme,ACME 2,HOSTING,GB\n';
    expect(outcomes(await read(new ProvidersCsvImporter(), text))).toEqual([
      ['row 2', 'ok'],
      ['row 3', 'invalid id: "ACME" (lower-case letters, digits and \'-\')'],
      ['row 4', 'invalid kind: "CLOUD" (one of PUBLIC_CLOUD, PRIVATE_CLOUD, HOSTING)'],
      ['row 5', 'invalid headquarters_country: "GBR"'],
      ['row 6', 'duplicate provider: acme is at row 2'],
    ]);
  });

  it('sla credit tiers', () => {
    expect(creditTiers('<99.9:10;<99.0:25;<95.0:100')).toEqual([
      { belowPct: 99.9, creditPct: 10 },
      { belowPct: 99, creditPct: 25 },
      { belowPct: 95, creditPct: 100 },
    ]);
    expect(creditTiers('')).toEqual([]);
    expect(() => creditTiers('<99:10;<99.5:30')).toThrow('thresholds must decrease');
    expect(() => creditTiers('99.9=10')).toThrow('invalid credit tier: "99.9=10"');
  });

  it('sla-csv rejects unknown scopes and uptime over 100', async () => {
    const text =
      'provider,service,scope,uptime_pct,credit_tiers\nacme,vm,SINGLE_INSTANCE_NVME,99.9,\nacme,vm,GLOBAL,99.9,\nacme,vm,MULTI_ZONE,100.5,\n';
    expect(outcomes(await read(new SlaCsvImporter(), text))).toEqual([
      ['row 2', 'ok'],
      [
        'row 3',
        'invalid scope: "GLOBAL" (SINGLE_INSTANCE, AVAILABILITY_SET, MULTI_ZONE, MULTI_REGION, optionally qualified)',
      ],
      ['row 4', 'uptime_pct out of range: 100.5'],
    ]);
  });

  it('jurisdictions-csv refuses contradictions', async () => {
    const header = 'country_iso2,country,eu_member,eea_member,eu_gdpr_adequacy,primary_regime\n';
    const text =
      header +
      'FR,France,true,true,n/a (EEA),EU GDPR\nXX,Nowhere,false,true,full,X\nYY,Y,yes,false,none,Y\nZZ,Z,false,false,adequate,Z\n';
    expect(outcomes(await read(new JurisdictionsCsvImporter(), text))).toEqual([
      ['row 2', 'ok'],
      ['row 3', 'eu_gdpr_adequacy "full" contradicts eea_member true'],
      ['row 4', 'invalid eu_member: "yes" (true or false)'],
      ['row 5', 'invalid eu_gdpr_adequacy: "adequate" (n/a (EEA), full, partial or none)'],
    ]);
  });

  it('fx-rates-csv: USD needs no rate; rates must be positive', async () => {
    const text =
      'currency,effective_date,usd_per_unit,source\nEUR,2026-08-01,1.0950,ECB\nUSD,2026-08-01,1,x\nGBP,2026-02-30,1.27,x\nCHF,2026-08-01,0,x\n';
    expect(outcomes(await read(new FxRatesCsvImporter(), text))).toEqual([
      ['row 2', 'ok'],
      ['row 3', 'USD is the base currency: it needs no rate'],
      ['row 4', 'invalid effective_date: "2026-02-30" (YYYY-MM-DD)'],
      ['row 5', 'non-positive usd_per_unit: 0'],
    ]);
  });

  it('azure-rtt-matrix resolves aliases, names and normal forms', async () => {
    const text =
      'Source,West Europe,East US 2,Mars North\nAmsterdam,,12,99\nEast US 2,80,,1\nMars North,1,2,\nWest Europe,,fast,3\n';
    const records = await read(new AzureRttMatrixImporter(), text);
    expect(records[0]).toEqual({ kind: 'metadata', values: { unknownDestinations: ['Mars North'] } });
    expect(outcomes(records)).toEqual([
      ['row 2', 'ok'],
      ['row 3', 'ok'],
      ['row 4', 'unknown region: "Mars North" is not a known Azure region name or alias'],
      ['row 5', 'invalid RTT to East US 2: "fast" is not a number'],
    ]);
    expect(records[1]).toMatchObject({
      rows: [{ srcRegion: 'westeurope', dstRegion: 'eastus2', rttMs: '12', statistic: 'p95' }],
    });
  });

  it('skyplane ids: GCP zones stand for their region; STANDARD tier rejected', async () => {
    const header =
      'src_region,src_tier,src_instance_class,dst_region,dst_tier,dst_instance_class,min_rtt,avg_rtt,max_rtt,mdev_rtt\n';
    const text =
      header +
      'gcp:europe-west3-a,PREMIUM,n2,aws:eu-central-1,PREMIUM,m5,1,2.5,3,0\ngcp:europe-west3-a,STANDARD,n2,aws:eu-central-1,PREMIUM,m5,1,2,3,0\nfoo,PREMIUM,x,aws:x,PREMIUM,y,1,2,3,0\n';
    const records = await read(new SkyplaneLatencyImporter(), text);
    expect(outcomes(records)).toEqual([
      ['row 2', 'ok'],
      ['row 3', 'STANDARD network tier: only PREMIUM↔PREMIUM pairs are kept (STANDARD→PREMIUM)'],
      ['row 4', 'invalid src_region: "foo" (expected cloud:region)'],
    ]);
    expect(records[0]).toMatchObject({
      rows: [
        {
          srcProvider: 'gcp',
          srcRegion: 'europe-west3',
          dstProvider: 'aws',
          dstRegion: 'eu-central-1',
          rttMs: '2.5',
        },
      ],
    });
  });

  it('gcp-carbon refuses the lifecycle-basis years', () => {
    const importer = new GcpCarbonImporter();
    expect(
      importer.detect('Google Cloud Region,Location,Lifecycle grid carbon intensity (gCO2eq / kWh)\n'),
    ).toMatch(/lifecycle basis/);
    expect(
      importer.detect('Google Cloud Region,Location,Google CFE,Grid carbon intensity (gCO2eq / kWh)\n'),
    ).toBeNull();
  });
});
