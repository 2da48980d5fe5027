import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeWithSharedData, sharedFile } from '../support/shared-data.js';
import { startTestService, type TestService } from '../support/test-service.js';

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Record<string, unknown> }[];
}

/** The catalog's GraphQL contract over HTTP, on the starter catalog and real samples. */
describeWithSharedData('catalog GraphQL contract', () => {
  let t: TestService;
  let server: http.Server;
  let base = '';

  beforeAll(async () => {
    // Serves two real Azure Retail Prices pages; the first links to the second, which is the last.
    const page1 = JSON.parse(
      fs.readFileSync(sharedFile('price-formats/azure-retail/retail-prices-page0-2021-12-30.json'), 'utf8'),
    );
    const page2 = JSON.parse(
      fs.readFileSync(sharedFile('price-formats/azure-retail/retail-prices-skip100-2022-04-19.json'), 'utf8'),
    );
    server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/api/retail/prices')
        res.end(JSON.stringify({ ...page1, NextPageLink: `${base}/api/retail/prices?$skip=100` }));
      else if (req.url === '/api/retail/prices?$skip=100')
        res.end(JSON.stringify({ ...page2, NextPageLink: null }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await startTestService({ importUrlAllowList: [`${base}/api/`] });
  });
  afterAll(async () => {
    await t.close();
    server.close();
  });

  it('lists providers, regions with regimes, jurisdictions and SLAs', async () => {
    const { body } = await t.graphql<{
      providers: { id: string; kind: string; headquartersCountry: string }[];
      regions: { provider: string; code: string; country: string; regimes: string[] }[];
      jurisdictions: { country: string; regime: string; euAdequacy: string }[];
      slas: {
        provider: string;
        scope: string;
        uptimePct: string;
        creditTiers: { belowPct: number; creditPct: number }[];
      }[];
    }>(`{
      providers { id name kind headquartersCountry }
      regions(filter: { country: "DE" }) { provider code name country latitude longitude regimes }
      jurisdictions { country regime euAdequacy }
      slas(provider: "aws") { provider scope uptimePct creditTiers { belowPct creditPct } }
    }`);
    expect(body.errors).toBeUndefined();
    const data = body.data!;
    expect(data.providers).toEqual(
      expect.arrayContaining([
        { id: 'aws', name: expect.any(String), kind: 'PUBLIC_CLOUD', headquartersCountry: 'US' },
        {
          id: 'onprem-frankfurt',
          name: expect.any(String),
          kind: 'PRIVATE_CLOUD',
          headquartersCountry: 'DE',
        },
      ]),
    );
    const frankfurt = data.regions.find((r) => r.provider === 'aws' && r.code === 'eu-central-1');
    expect(frankfurt?.regimes).toEqual(['EU_GDPR', 'US_CLOUD_ACT']);
    expect(data.regions.find((r) => r.provider === 'onprem-frankfurt')?.regimes).toEqual(['EU_GDPR']);
    expect(data.regions.every((r) => r.country === 'DE')).toBe(true);
    expect(data.jurisdictions.find((j) => j.country === 'CH')).toEqual({
      country: 'CH',
      regime: 'CH_FADP',
      euAdequacy: 'FULL',
    });
    // sla/compute_slas.csv: aws,ec2,MULTI_ZONE,99.99,"<99.99:10;<99.0:30;<95.0:100"
    expect(data.slas.find((s) => s.scope === 'MULTI_ZONE')).toEqual({
      provider: 'aws',
      scope: 'MULTI_ZONE',
      uptimePct: '99.99',
      creditTiers: [
        { belowPct: 99.99, creditPct: 10 },
        { belowPct: 99, creditPct: 30 },
        { belowPct: 95, creditPct: 100 },
      ],
    });

    const regime = await t.graphql<{ regions: { provider: string }[] }>(
      `{ regions(filter: { regime: "US_CLOUD_ACT", country: "DE" }) { provider } }`,
    );
    expect(new Set(regime.body.data!.regions.map((r) => r.provider))).toEqual(
      new Set(['aws', 'azure', 'gcp']),
    );
  });

  it('pages through filtered offers with cursors, in price order, without gaps or repeats', async () => {
    const query = `query($after: String) { offers(filter: { provider: "aws", region: "us-east-1", purchaseOption: ON_DEMAND,
      os: LINUX, minVcpu: 8, minMemoryGib: 32, arch: "x86_64" }, first: 100, after: $after, orderBy: PRICE_ASC) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id instanceType vcpu memoryGib priceUsd price currency unit } } } }`;
    const seen: Record<string, unknown>[] = [];
    let after: string | null = null;
    let total: number;
    for (;;) {
      const response: { body: { data?: { offers: Connection }; errors?: unknown } } = await t.graphql<{
        offers: Connection;
      }>(query, { after });
      expect(response.body.errors).toBeUndefined();
      const page: Connection = response.body.data!.offers;
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen.map((o) => o.id)).size).toBe(total);
    const prices = seen.map((o) => Number(o.priceUsd));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(seen.every((o) => (o.vcpu as number) >= 8 && (o.memoryGib as number) >= 32)).toBe(true);
    // The pricing-page feed (us-east-1, Linux): the cheapest x86_64 type with ≥ 8 vCPU and ≥ 32 GiB is t3a.2xlarge at 0.3008/h.
    expect(seen[0]).toMatchObject({
      instanceType: 't3a.2xlarge',
      price: '0.3008',
      currency: 'USD',
      unit: 'HOUR',
    });
  });

  it('imports from an allow-listed URL, following NextPageLink, and refuses other URLs', async () => {
    const { body } = await t.graphql<{
      importCatalog: { status: string; records: number; provider: string };
    }>(
      `mutation($url: String!) { importCatalog(input: { format: "azure-retail", url: $url }) { status records offers rejected provider } }`,
      { url: `${base}/api/retail/prices` },
      t.keys.admin,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.importCatalog).toMatchObject({ status: 'ACTIVE', provider: 'azure', records: 200 });

    const refused = await t.graphql(
      `mutation { importCatalog(input: { format: "azure-retail", url: "http://169.254.169.254/latest/meta-data" }) { status } }`,
      undefined,
      t.keys.admin,
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.body.errors?.[0]?.message).toContain('allow-list');
  });

  it('imports an uploaded file (GraphQL multipart request)', async () => {
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({
        query:
          'mutation($file: Upload!) { importCatalog(input: { format: "aws-pricing-page", upload: $file }) { status records offers catalogVersionId } }',
        variables: { file: null },
      }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    const bytes = fs.readFileSync(
      sharedFile('price-formats/aws-other/aws-website-ec2-ondemand-us-east-1-linux-2026-08-06.json'),
    );
    form.append('0', new Blob([bytes], { type: 'application/json' }), 'index.json');
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.keys.admin}`, 'apollo-require-preflight': 'true' },
      body: form,
    });
    const body = (await response.json()) as {
      data?: { importCatalog: { status: string; records: number } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data!.importCatalog).toMatchObject({ status: 'ACTIVE', records: 1_322, offers: 1_322 });
  });

  it('lists added, removed and changed prices between two versions of a scope', async () => {
    const header =
      'record,provider,region,name,kind,country,latitude,longitude,vcpu,memory_gib,price_per_hour,currency';
    const site = [
      'provider,diff-hoster,,Diff hoster (fixture),HOSTING,NL,,,,,,',
      'region,diff-hoster,ams1,Amsterdam,,NL,52.37,4.90,,,,',
    ];
    const v1 = [
      header,
      ...site,
      'instance,diff-hoster,ams1,a,,,,,2,4,0.0100,USD',
      'instance,diff-hoster,ams1,b,,,,,4,8,0.0200,USD',
    ];
    const v2 = [
      header,
      ...site,
      'instance,diff-hoster,ams1,a,,,,,2,4,0.0125,USD',
      'instance,diff-hoster,ams1,c,,,,,8,16,0.0400,USD',
    ];
    const ids: string[] = [];
    for (const lines of [v1, v2]) {
      const form = new FormData();
      form.append(
        'operations',
        JSON.stringify({
          query:
            'mutation($file: Upload!) { importCatalog(input: { format: "cumulus-csv", upload: $file }) { catalogVersionId status } }',
          variables: { file: null },
        }),
      );
      form.append('map', JSON.stringify({ 0: ['variables.file'] }));
      form.append('0', new Blob([lines.join('\n') + '\n']), 'hoster.csv');
      const response = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.keys.admin}`, 'apollo-require-preflight': 'true' },
        body: form,
      });
      const body = (await response.json()) as {
        data: { importCatalog: { catalogVersionId: string; status: string } };
      };
      expect(body.data.importCatalog.status).toBe('ACTIVE');
      ids.push(body.data.importCatalog.catalogVersionId);
    }
    const { body } = await t.graphql<{
      priceChanges: {
        added: { instanceType: string }[];
        removed: { instanceType: string }[];
        changed: { oldPrice: string; newPrice: string; changePct: number; after: { instanceType: string } }[];
        unchangedCount: number;
      };
    }>(
      `query($from: ID!, $to: ID!) { priceChanges(provider: "diff-hoster", fromVersion: $from, toVersion: $to) {
        added { instanceType } removed { instanceType } changed { oldPrice newPrice changePct after { instanceType } } unchangedCount } }`,
      { from: ids[0], to: ids[1] },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.priceChanges).toEqual({
      added: [{ instanceType: 'c' }],
      removed: [{ instanceType: 'b' }],
      changed: [{ oldPrice: '0.01', newPrice: '0.0125', changePct: 25, after: { instanceType: 'a' } }],
      unchangedCount: 0,
    });
    const versions = await t.graphql<{
      catalogVersions: { id: string; status: string; supersededBy: string | null }[];
    }>(`{ catalogVersions(provider: "diff-hoster") { id status supersededBy } }`);
    expect(versions.body.data!.catalogVersions).toEqual([
      { id: ids[1], status: 'ACTIVE', supersededBy: null },
      { id: ids[0], status: 'SUPERSEDED', supersededBy: ids[1] },
    ]);
  });
});
