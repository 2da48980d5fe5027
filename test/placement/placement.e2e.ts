import { CatalogEventsService } from '../../src/catalog/catalog-events.service.js';
import { CatalogImportService } from '../../src/catalog/catalog-import.service.js';
import { PlacementSnapshotService } from '../../src/placement/placement-snapshot.service.js';
import { ApiKeyService } from '../../src/auth/api-key.service.js';
import { childEnv, runCli } from '../support/cli.js';
import { startTestService, type TestService } from '../support/test-service.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Option {
  provider: string;
  regions: string[];
  score: number;
  availability: number | null;
  latencyMs: number | null;
  maxUserLatencyMs: number | null;
  monthlyCost: { compute: string; storage: string; egress: string; total: string; currency: string };
  components: {
    name: string;
    instanceType: string | null;
    count: number;
    monthlyCost: string;
    offer: string | null;
  }[];
  trace: {
    criterion: string;
    raw: number | null;
    normalized: number;
    weight: number;
    contribution: number;
  }[];
}
interface Answer {
  placementOptions: { options: Option[]; rejected: { provider: string; status: string; reason: string }[] };
}

const OPTION_FIELDS = `provider regions score pareto availability latencyMs maxUserLatencyMs carbonKgPerMonth regimes
  monthlyCost { compute storage egress total currency } components { name instanceType count monthlyCost offer }
  trace { criterion raw normalized weight contribution }`;

/**
 * Placement answers worked out by hand on the starter catalog's real prices (AWS pricing-page
 * feed for us-east-1) and its example on-prem site (src/catalog/starter/onprem-frankfurt.cumulus.csv).
 */
describe('placementOptions on the starter catalog', () => {
  let t: TestService;
  const place = async (workload: string, extra = '') => {
    const { body } = await t.graphql<Answer>(
      `query { placementOptions(workload: ${workload} ${extra}) { options { ${OPTION_FIELDS} } rejected { provider status reason } } }`,
    );
    expect(body.errors).toBeUndefined();
    return body.data!.placementOptions;
  };

  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(() => t.close());

  it('answers the contract example as written: only the German on-prem site; US-exposed clouds rejected by forbidRegimes', async () => {
    const { body } = await t.graphql<Answer>(`
      query {
        placementOptions(
          workload: {
            name: "web"
            components: [{ name: "app", count: 2, vcpu: 8, memoryGib: 32 }]
            constraints: { countries: ["DE", "FR"], forbidRegimes: ["US_CLOUD_ACT"], purchaseOptions: [ON_DEMAND], minAvailability: 99.9 }
            users: [{ latitude: 50.11, longitude: 8.68, weight: 1 }]
          }
          weights: { cost: 1, latency: 0, availability: 0, carbon: 0 }
          limit: 5
        ) {
          options { provider regions score pareto availability latencyMs carbonKgPerMonth regimes
                    monthlyCost { compute storage egress total currency }
                    components { name instanceType count monthlyCost }
                    trace { criterion raw normalized weight contribution } }
          rejected { provider reason }
        }
      }`);
    expect(body.errors).toBeUndefined();
    const { options, rejected } = body.data!.placementOptions;
    expect(options.map((o) => [o.provider, o.regions])).toEqual([['onprem-frankfurt', ['fra1']]]);
    // gp.large: fixed 0.0700 + 140 W / 1000 × PUE 1.40 × 0.2000/kWh = 0.1092 per hour; 2 × 0.1092 × 730 h = 159.432.
    expect(options[0]).toMatchObject({
      monthlyCost: { compute: '159.432', storage: '0', egress: '0', total: '159.432', currency: 'USD' },
      components: [{ name: 'app', instanceType: 'gp.large', count: 2, monthlyCost: '159.432' }],
      availability: 99.98,
      regimes: ['EU_GDPR'],
    });
    expect(options[0].trace.map((c) => c.criterion)).toEqual(['cost', 'latency', 'availability', 'carbon']);
    expect(options[0].trace.find((c) => c.criterion === 'cost')).toMatchObject({
      weight: 1,
      normalized: 1,
      contribution: 1,
    });
    expect(rejected).toEqual(
      ['aws', 'azure', 'gcp'].map((provider) => ({
        provider,
        reason: expect.stringContaining('forbidRegimes: US_CLOUD_ACT'),
      })),
    );
  });

  it('picks the cheapest FITTING type in a region, not an exact match (AWS us-east-1 on-demand, pricing-page feed)', async () => {
    const workload = (arch: string) =>
      `{ name: "fit", components: [{ name: "app", count: 2, vcpu: 8, memoryGib: 32 ${arch} }], constraints: { providers: ["aws"] } }`;
    const anyArch = await place(workload(''), 'limit: 50');
    const usEast1 = anyArch.options.find((o) => o.regions[0] === 'us-east-1')!;
    // Cheapest Linux entry with ≥ 8 vCPU and ≥ 32 GiB in the feed: t4g.2xlarge (arm64) at 0.2688/h → 2 × 0.2688 × 730 = 392.448.
    expect(usEast1.components[0]).toMatchObject({
      instanceType: 't4g.2xlarge',
      count: 2,
      monthlyCost: '392.448',
    });
    const x86 = await place(workload(', arch: "x86_64"'), 'limit: 50');
    // With x86_64 required: t3a.2xlarge at 0.3008/h → 2 × 0.3008 × 730 = 439.168.
    expect(x86.options.find((o) => o.regions[0] === 'us-east-1')!.components[0]).toMatchObject({
      instanceType: 't3a.2xlarge',
      monthlyCost: '439.168',
    });
  });

  it('bounds latency to the users: only regions within ~200 km of Frankfurt meet 5 ms', async () => {
    // RTT ≈ 2 × km / 200 × 1.5 + 2 ≤ 5 ms ⇔ km ≤ 200.
    const answer = await place(
      `{ name: "near", components: [{ name: "app", count: 1, vcpu: 2, memoryGib: 4 }],
         users: [{ latitude: 50.11, longitude: 8.68, weight: 1 }], constraints: { maxLatencyMs: 5 } }`,
      'limit: 20',
    );
    expect(answer.options.length).toBeGreaterThan(0);
    for (const o of answer.options) expect(o.maxUserLatencyMs).toBeLessThanOrEqual(5);
    expect(answer.options.map((o) => o.provider)).toContain('onprem-frankfurt');
    // Azure West Europe (Amsterdam, ≈ 360 km) is about 7.4 ms away.
    const azure = answer.rejected.find((r) => r.provider === 'azure');
    expect(azure?.reason).toContain('maxLatencyMs');
  });

  it('composes the availability of two regions: 1 − (1 − 0.995)² = 99.9975 %', async () => {
    const answer = await place(
      `{ name: "ha", components: [{ name: "app", count: 1, vcpu: 2, memoryGib: 8 }], regionsCount: 2, constraints: { providers: ["aws"] } }`,
      'limit: 3',
    );
    expect(answer.options[0].regions).toHaveLength(2);
    // AWS single-instance SLA 99.5 % (sla/compute_slas.csv) in each region.
    expect(answer.options[0].availability).toBeCloseTo(99.9975, 6);
  });

  it('prices internet egress by tier: 60,000 GiB from the on-prem site = 51,200 × 0.0100 + 8,800 × 0.0060 = 564.8', async () => {
    const answer = await place(
      `{ name: "egress", components: [{ name: "app", count: 1, vcpu: 2, memoryGib: 8, egressInternetGibPerMonth: 60000 }],
         constraints: { providers: ["onprem-frankfurt"] } }`,
    );
    expect(answer.options[0].monthlyCost.egress).toBe('564.8');
  });

  it('rejects what exceeds the budget, naming the budget', async () => {
    const answer = await place(
      `{ name: "budget", components: [{ name: "app", count: 2, vcpu: 8, memoryGib: 32 }],
         constraints: { providers: ["onprem-frankfurt"], maxMonthlyBudget: 100 } }`,
    );
    expect(answer.options).toEqual([]);
    expect(answer.rejected.find((r) => r.provider === 'onprem-frankfurt')).toEqual({
      provider: 'onprem-frankfurt',
      status: 'REJECTED',
      reason: 'rejected: maxMonthlyBudget: $159.43 > $100.00',
    });
  });

  it('scores a stored workload of the caller’s tenant only', async () => {
    const created = await t.graphql<{ createWorkload: { id: string } }>(
      `mutation { createWorkload(input: { name: "stored", components: [{ name: "app", count: 2, vcpu: 8, memoryGib: 32 }],
         constraints: { providers: ["onprem-frankfurt"] } }) { id } }`,
      undefined,
      t.keys.operator,
    );
    const id = created.body.data!.createWorkload.id;
    const { body } = await t.graphql<Answer>(
      `query($id: ID!) { placementOptions(workloadId: $id) { options { provider monthlyCost { total } } } }`,
      {
        id,
      },
    );
    expect(body.data!.placementOptions.options).toEqual([
      { provider: 'onprem-frankfurt', monthlyCost: { total: '159.432' } },
    ]);

    const other = (await t.service.app.get(ApiKeyService).create('reader', 'other tenant', 'test', 'other'))
      .key;
    const foreign = await t.graphql(
      `query($id: ID!) { placementOptions(workloadId: $id) { options { provider } } }`,
      { id },
      other,
    );
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const both = await t.graphql(
      `query($id: ID!) { placementOptions(workloadId: $id, workload: { name: "x", components: [{ name: "a", vcpu: 1, memoryGib: 1 }] }) { notes } }`,
      { id },
    );
    expect(both.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('sees a newly activated catalog version at the next query', async () => {
    const csv = [
      'record,provider,region,name,kind,country,latitude,longitude,vcpu,memory_gib,price_per_hour,currency',
      'provider,cheap-hoster,,Cheap hoster (fixture),HOSTING,DE,,,,,,',
      'region,cheap-hoster,fra9,Frankfurt (fixture),,DE,50.11,8.68,,,,',
      'instance,cheap-hoster,fra9,tiny.8x32,,,,,8,32,0.0010,USD',
    ].join('\n');
    const workload = `{ name: "w", components: [{ name: "app", count: 2, vcpu: 8, memoryGib: 32 }], constraints: { countries: ["DE"], forbidRegimes: ["US_CLOUD_ACT"] } }`;
    expect((await place(workload)).options.map((o) => o.provider)).toEqual(['onprem-frankfurt']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cumulus-place-')), 'cheap.csv');
    fs.writeFileSync(file, csv + '\n');
    await t.service.app
      .get(CatalogImportService)
      .import({ format: 'cumulus-csv', files: [file], createdBy: 'test', urlAllowList: [] });
    // Whoever sees the new watermark first (this check or the NOTIFY listener) starts the rebuild;
    // queries keep the old snapshot until it is built, so wait for it.
    await t.service.app.get(CatalogEventsService).check();
    await t.service.app.get(PlacementSnapshotService).settled();
    const after = await place(workload);
    // 2 × 0.0010 × 730 = 1.46
    expect(after.options.map((o) => [o.provider, o.monthlyCost.total])).toEqual([
      ['cheap-hoster', '1.46'],
      ['onprem-frankfurt', '159.432'],
    ]);
  });
});

describe('cumulus place', () => {
  it('prints with --json the same object as GraphQL placementOptions', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cumulus-place-cli-'));
    const env = childEnv({ CUMULUS_DATA_DIR: dataDir, DATABASE_URL: undefined });
    try {
      const result = await runCli(
        [
          'place',
          '--vcpu',
          '8',
          '--memory',
          '32',
          '--count',
          '2',
          '--country',
          'DE,FR',
          '--forbid-regime',
          'US_CLOUD_ACT',
          '--min-availability',
          '99.9',
          '--users',
          '50.11,8.68',
          '--limit',
          '5',
          '--json',
        ],
        env,
      );
      expect(result.stderr).not.toContain('cumulus:');
      expect(result.code).toBe(0);
      const json = JSON.parse(result.stdout) as {
        options: Option[];
        rejected: { provider: string; reason: string }[];
      };
      expect(json.options.map((o) => [o.provider, o.monthlyCost.total])).toEqual([
        ['onprem-frankfurt', '159.432'],
      ]);
      expect(json.rejected.map((r) => r.provider)).toEqual(['aws', 'azure', 'gcp']);

      const table = await runCli(
        [
          'place',
          '--vcpu',
          '8',
          '--memory',
          '32',
          '--count',
          '2',
          '--country',
          'DE',
          '--forbid-regime',
          'US_CLOUD_ACT',
        ],
        env,
      );
      expect(table.stdout).toMatch(/1\s+onprem-frankfurt\s+fra1\s+2× gp.large\s+159.432/);
      expect(table.stdout).toContain('why not aws: rejected: forbidRegimes: US_CLOUD_ACT');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
