import { createHash } from 'node:crypto';
import { startTestService, type TestService } from '../support/test-service.js';

describe('GraphQL auth and limits over HTTP', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ loadStarterCatalog: false });
  });
  afterAll(() => t.close());

  it('rejects a request without a key with UNAUTHENTICATED', async () => {
    const { status, body } = await t.graphql('{ providers { id } }', undefined, null);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
  });

  it('rejects an unknown key, and introspection without a key', async () => {
    const bad = await t.graphql('{ providers { id } }', undefined, 'cmk_not-a-real-key');
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const introspection = await t.graphql('{ __schema { queryType { name } } }', undefined, null);
    expect(introspection.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets a reader query and refuses it admin mutations with FORBIDDEN', async () => {
    const ok = await t.graphql('{ providers { id } }', undefined, t.keys.reader);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data).toEqual({ providers: [] });

    const denied = await t.graphql(
      'mutation { importCatalog(input: { format: "aws-spot-feed", url: "https://website.spot.ec2.aws.a2z.com/spot.json" }) { status } }',
      undefined,
      t.keys.reader,
    );
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(denied.body.errors?.[0]?.path).toEqual(['importCatalog']);
  });

  it('requires admin (not operator) to create keys, and stores keys hashed', async () => {
    const mutation = 'mutation { createApiKey(input: { role: "reader", name: "ci" }) { id key role } }';
    const asOperator = await t.graphql(mutation, undefined, t.keys.operator);
    expect(asOperator.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const asAdmin = await t.graphql<{ createApiKey: { id: string; key: string; role: string } }>(
      mutation,
      undefined,
      t.keys.admin,
    );
    const created = asAdmin.body.data!.createApiKey;
    expect(created.role).toBe('reader');
    const rows: { key_hash: string; key_prefix: string }[] = await t.service.database.dataSource.query(
      'SELECT key_hash, key_prefix FROM api_keys WHERE id = $1',
      [created.id],
    );
    expect(rows[0].key_hash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(created.key);

    const withNewKey = await t.graphql('{ providers { id } }', undefined, created.key);
    expect(withNewKey.body.errors).toBeUndefined();
  });

  it('names the offending field of an invalid argument', async () => {
    const { body } = await t.graphql('{ regions(filter: { country: "Germany" }) { code } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain('country');
  });

  it('limits query depth and cost', async () => {
    // __schema(1) types(2) fields(3) type(4) ofType x6 (10) name(11): one level over the limit of 10.
    const deep = await t.graphql(
      '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }',
    );
    expect(deep.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    const shallow = await t.graphql('{ __schema { types { fields { type { ofType { name } } } } } }');
    expect(shallow.body.errors).toBeUndefined();

    // 500 edges x 20 fields is over the complexity limit of 5000; 50 edges is not.
    const fields =
      'id provider region sku service serviceCategory resourceKind instanceType vcpu memoryGib gpuModel gpuCount arch os purchaseOption unit price currency priceUsd';
    const tooCostly = await t.graphql(`{ offers(first: 500) { edges { cursor node { ${fields} } } } }`);
    expect(tooCostly.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const affordable = await t.graphql(`{ offers(first: 50) { edges { cursor node { ${fields} } } } }`);
    expect(affordable.body.errors).toBeUndefined();
  });

  it('reports the database on GET /health without a key', async () => {
    const response = await fetch(`${t.url}/health`);
    const body = (await response.json()) as {
      status: string;
      database: { status: string; migrations: number };
    };
    expect(response.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.database.status).toBe('up');
    expect(body.database.migrations).toBeGreaterThanOrEqual(1);
  });
});
