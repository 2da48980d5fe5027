import { MigrationService } from '../../src/migration/migration.service.js';
import { OPERATOR } from '../migration/support/migration-harness.js';
import { startTestService, type TestService } from '../support/test-service.js';
import {
  DECISION_FIELDS,
  LARGE,
  MEDIUM,
  POLICY_FIELDS,
  policyInput,
  SITE,
  startOverspillService,
  workloadOnSite,
} from './support/overspill-harness.js';

const CREATE = `mutation ($input: OverspillPolicyInput!) { createOverspillPolicy(input: $input) { ${POLICY_FIELDS} } }`;
const SIMULATE = `mutation ($site: ID!, $u: Float!) { simulateSiteLoad(site: $site, vcpuUtilization: $u) {
  site backgroundUtilization capacity { totalVcpu usedVcpu vcpuUtilization } } }`;

type GqlError = { message: string; extensions?: Record<string, unknown> };

/** The overspill API over HTTP: roles, validation paths, a dry-run tick, the log and the status. */
describe('overspill over GraphQL', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startOverspillService();
    const app = t.service.app;
    // 8 + 4 vCPU of burstable work on a 100 vCPU site, and 8 that must stay.
    await workloadOnSite(app, { name: 'batch', components: [{ count: 1, ...LARGE }], priority: 1 });
    await workloadOnSite(app, { name: 'etl', components: [{ count: 1, ...MEDIUM }], priority: 2 });
    await workloadOnSite(app, {
      name: 'db',
      components: [{ count: 1, ...LARGE }],
      priority: 9,
      burstable: false,
    });
  });
  afterAll(() => t.close());

  const ok = async <T>(query: string, variables: Record<string, unknown>, key: string): Promise<T> => {
    const { body } = await t.graphql<T>(query, variables, key);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  const error = async (query: string, variables: Record<string, unknown>, key: string): Promise<GqlError> => {
    const { body } = await t.graphql(query, variables, key);
    expect(body.errors).toHaveLength(1);
    return body.errors![0];
  };

  it.each([
    {
      name: 'low not below high',
      input: policyInput({ lowWatermark: 0.8 }),
      path: 'lowWatermark',
      message: 'below highWatermark 0.8',
    },
    {
      name: 'high above 1',
      input: policyInput({ highWatermark: 1.2 }),
      path: 'highWatermark',
      message: '(0, 1]',
    },
    {
      name: 'bad cron',
      input: policyInput({ schedule: '61 * * * *' }),
      path: 'schedule',
      message: 'not a cron',
    },
    {
      name: 'site format',
      input: policyInput({ site: 'onprem-ovs' }),
      path: 'site',
      message: '<provider>/<region>',
    },
    {
      name: 'unknown site',
      input: policyInput({ site: 'onprem-ovs/nowhere' }),
      path: 'site',
      message: 'no region nowhere',
    },
    {
      name: 'a public cloud',
      input: policyInput({ site: 'cloud-a/a1' }),
      path: 'site',
      message: 'PRIVATE_CLOUD',
    },
    { name: 'dwell 0', input: policyInput({ dwellTicks: 0 }), path: 'dwellTicks', message: '' },
  ])('refuses a policy: $name', async ({ input, path, message }) => {
    const e = await error(CREATE, { input }, t.keys.operator);
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', path });
    expect(e.message).toContain(message);
  });

  it('needs the operator role for policies and admin for simulateSiteLoad', async () => {
    expect((await error(CREATE, { input: policyInput() }, t.keys.reader)).extensions?.code).toBe('FORBIDDEN');
    expect((await error('{ overspillPolicies { id } }', {}, t.keys.reader)).extensions?.code).toBe(
      'FORBIDDEN',
    );
    const asOperator = await error(SIMULATE, { site: SITE, u: 0.9 }, t.keys.operator);
    expect(asOperator.extensions?.code).toBe('FORBIDDEN');
    expect(asOperator.message).toContain('needs the admin role');
  });

  it('creates, lists, updates, ticks on demand (dry run), logs and reports, deletes', async () => {
    const { createOverspillPolicy: created } = await ok<{ createOverspillPolicy: Record<string, unknown> }>(
      CREATE,
      { input: policyInput({ targetConstraints: { providerKinds: ['PUBLIC_CLOUD'] } }) },
      t.keys.operator,
    );
    expect(created).toMatchObject({
      site: SITE,
      schedule: '0 * * * *',
      highWatermark: 0.8,
      lowWatermark: 0.5,
      maxCostPerDay: '45',
      selector: { tags: ['burst'], minPriority: 0 },
      mode: 'DRY_RUN',
      targetConstraints: { providerKinds: ['PUBLIC_CLOUD'], countries: null },
    });
    const id = created.id as string;
    const again = await error(CREATE, { input: policyInput() }, t.keys.operator);
    expect(again.extensions).toMatchObject({ code: 'CONFLICT', path: 'site' });

    const { overspillPolicies } = await ok<{ overspillPolicies: { id: string }[] }>(
      '{ overspillPolicies { id site } }',
      {},
      t.keys.operator,
    );
    expect(overspillPolicies).toEqual([{ id, site: SITE }]);
    const update = `mutation ($id: ID!, $input: OverspillPolicyInput!) { updateOverspillPolicy(id: $id, input: $input) { ${POLICY_FIELDS} } }`;
    const { updateOverspillPolicy } = await ok<{ updateOverspillPolicy: Record<string, unknown> }>(
      update,
      {
        id,
        input: policyInput({
          highWatermark: 0.85,
          lowWatermark: 0.4,
          targetConstraints: { providerKinds: ['PUBLIC_CLOUD'] },
        }),
      },
      t.keys.operator,
    );
    expect(updateOverspillPolicy).toMatchObject({ id, highWatermark: 0.85, lowWatermark: 0.4 });

    // 20 vCPU deployed; 0.9 asked: 0.7 of background is what Cumulus does not manage.
    const { simulateSiteLoad } = await ok<{ simulateSiteLoad: Record<string, unknown> }>(
      SIMULATE,
      { site: SITE, u: 0.9 },
      t.keys.admin,
    );
    expect(simulateSiteLoad).toMatchObject({ site: SITE, capacity: { totalVcpu: 100, usedVcpu: 90 } });
    expect(simulateSiteLoad.backgroundUtilization).toBeCloseTo(0.7, 10);

    const before = new Date();
    const tick = `mutation ($id: ID!) { runOverspillTick(policyId: $id) { ${DECISION_FIELDS} } }`;
    const { runOverspillTick: d } = await ok<{ runOverspillTick: Record<string, unknown> }>(
      tick,
      { id },
      t.keys.operator,
    );
    // 90 used, target (0.85 + 0.4) / 2 = 0.625: batch (priority 1, 8 vCPU) → 82, etl (4) → 78: still
    // above the target but below high, so both go. b.large $0.40/h × 24 = $9.6, b.medium $0.18/h × 24 = $4.32.
    expect(d).toMatchObject({
      policyId: id,
      site: SITE,
      trigger: 'MANUAL',
      status: 'DECIDED',
      mode: 'DRY_RUN',
      dryRun: true,
      action: 'BURST',
      projectedVcpuOut: 12,
      projectedCostPerDayUsd: '13.92',
      moves: [
        {
          kind: 'BURST',
          workloadName: 'batch',
          vcpu: 8,
          target: { provider: 'cloud-b', region: 'b1' },
          costPerDayUsd: '9.6',
          migrationId: null,
          status: 'DRY_RUN',
        },
        {
          kind: 'BURST',
          workloadName: 'etl',
          vcpu: 4,
          target: { provider: 'cloud-b', region: 'b1' },
          costPerDayUsd: '4.32',
          migrationId: null,
          status: 'DRY_RUN',
        },
      ],
      leaks: [],
    });
    expect(d.utilisation).toBeCloseTo(0.9, 10);
    expect(d.reasons).toContain('dry run: the decision is logged, nothing is moved');
    expect(await t.service.app.get(MigrationService).list(OPERATOR)).toEqual([]);

    const decisions = `query ($id: ID!, $from: DateTime, $to: DateTime) { overspillDecisions(policyId: $id, from: $from, to: $to) { id action } }`;
    const inRange = await ok<{ overspillDecisions: { id: string }[] }>(
      decisions,
      { id, from: before.toISOString(), to: new Date(Date.now() + 1000).toISOString() },
      t.keys.reader,
    );
    expect(inRange.overspillDecisions).toEqual([{ id: d.id, action: 'BURST' }]);
    const earlier = await ok<{ overspillDecisions: unknown[] }>(
      decisions,
      { id, to: before.toISOString() },
      t.keys.reader,
    );
    expect(earlier.overspillDecisions).toEqual([]);
    const reversed = await error(
      decisions,
      { id, from: new Date().toISOString(), to: before.toISOString() },
      t.keys.reader,
    );
    expect(reversed.extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'to' });

    const status = `query ($site: ID!) { overspillStatus(site: $site) { site utilisation vcpuOut costPerDayUsd
      capacity { usedVcpu totalVcpu } policy { id } activeBursts { workloadId } pendingMoves { workloadId }
      lastDecision { id action } leaks { instanceId } } }`;
    const { overspillStatus } = await ok<{ overspillStatus: Record<string, unknown> }>(
      status,
      { site: SITE },
      t.keys.reader,
    );
    expect(overspillStatus).toMatchObject({
      site: SITE,
      vcpuOut: 0,
      costPerDayUsd: '0',
      capacity: { usedVcpu: 90, totalVcpu: 100 },
      policy: { id },
      activeBursts: [],
      pendingMoves: [],
      lastDecision: { id: d.id, action: 'BURST' },
      leaks: [],
    });

    const del = 'mutation ($id: ID!) { deleteOverspillPolicy(id: $id) }';
    expect(await ok(del, { id }, t.keys.operator)).toEqual({ deleteOverspillPolicy: true });
    expect((await error(del, { id }, t.keys.operator)).extensions?.code).toBe('NOT_FOUND');
  });
});

describe('simulateSiteLoad with NODE_ENV=production', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ nodeEnv: 'production', loadStarterCatalog: false });
  });
  afterAll(() => t.close());

  it('is refused, even for an admin, with the reason', async () => {
    const { body } = await t.graphql(SIMULATE, { site: SITE, u: 0.9 }, t.keys.admin);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.errors?.[0]?.message).toContain('refused in production (NODE_ENV=production)');
  });
});
