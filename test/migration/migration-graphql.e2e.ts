import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestService } from '../support/test-service.js';
import { LAB_WORKLOAD, startLabService } from './support/migration-harness.js';

const MIGRATION_FIELDS = `id state strategy approvedBy sourceProvider targetProvider targetRegions oneOffCostUsd
  steps { name component state attempts idempotencyKey lastError }
  estimate { strategy gibToMove transferSeconds throughputSource expectedDowntimeSeconds egressCostUsd oneOffCostUsd
             monthlySavingUsd paybackMonths componentOrder sourceMonthlyCostUsd targetMonthlyCostUsd }
  transitions { at from to event by reason stepKey }`;

interface MigrationJson {
  id: string;
  state: string;
  approvedBy: string | null;
  steps: { name: string; component: string; state: string; attempts: number; idempotencyKey: string }[];
  estimate: Record<string, unknown>;
  transitions: {
    from: string | null;
    to: string;
    event: string;
    by: string;
    reason: string;
    stepKey: string | null;
  }[];
}

/** The migration API over HTTP and graphql-ws, with the roles it needs. Admin limit: $1 (the move costs $1.543111). */
describe('migrations over GraphQL', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startLabService({ adminApprovalAboveUsd: '1' });
  });
  afterAll(() => t.close());

  const ok = async <T>(query: string, variables: Record<string, unknown>, key: string): Promise<T> => {
    const { body } = await t.graphql<T>(query, variables, key);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };

  it('plans, approves (admin above the limit), runs with progress over a subscription, and records who did what', async () => {
    const { createWorkload } = await ok<{ createWorkload: { id: string } }>(
      'mutation ($input: WorkloadInput!) { createWorkload(input: $input) { id } }',
      { input: LAB_WORKLOAD },
      t.keys.operator,
    );
    const workloadId = createWorkload.id;
    const onPrem = { provider: 'onprem-lab', regions: ['lab1'] };
    const deploy =
      'mutation ($w: ID!, $t: PlacementTargetInput!) { deployWorkload(workloadId: $w, target: $t) { component provider region instanceType pricePerHourUsd monthlyCostUsd endedAt } }';
    const asReader = await t.graphql(deploy, { w: workloadId, t: onPrem }, t.keys.reader);
    expect(asReader.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const deployed = await ok<{ deployWorkload: Record<string, unknown>[] }>(
      deploy,
      { w: workloadId, t: onPrem },
      t.keys.operator,
    );
    expect(deployed.deployWorkload).toEqual([
      // web: 2 × 0.03 × 730 = 43.8; db: 1 × 0.10 × 730 = 73.
      {
        component: 'web',
        provider: 'onprem-lab',
        region: 'lab1',
        instanceType: 'lab.small',
        pricePerHourUsd: '0.03',
        monthlyCostUsd: '43.8',
        endedAt: null,
      },
      {
        component: 'db',
        provider: 'onprem-lab',
        region: 'lab1',
        instanceType: 'lab.large',
        pricePerHourUsd: '0.1',
        monthlyCostUsd: '73',
        endedAt: null,
      },
    ]);

    const plan = `mutation ($w: ID!, $t: PlacementTargetInput!) { planMigration(workloadId: $w, target: $t) { ${MIGRATION_FIELDS} } }`;
    const target = { provider: 'cloud-lab', regions: ['east1'] };
    const readerPlan = await t.graphql(plan, { w: workloadId, t: target }, t.keys.reader);
    expect(readerPlan.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badTarget = await t.graphql(
      plan,
      { w: workloadId, t: { provider: 'cloud-lab', regions: ['east1', 'east2'] } },
      t.keys.operator,
    );
    expect(badTarget.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { planMigration: planned } = await ok<{ planMigration: MigrationJson }>(
      plan,
      { w: workloadId, t: target },
      t.keys.operator,
    );
    expect(planned.state).toBe('PLANNED');
    expect(planned.estimate).toMatchObject({
      strategy: 'COLD',
      gibToMove: 140,
      transferSeconds: 1120,
      throughputSource: 'configured-default',
      egressCostUsd: '1.4',
      oneOffCostUsd: '1.543111',
      monthlySavingUsd: '-219',
      paybackMonths: null,
      componentOrder: ['web', 'db'],
    });
    expect(planned.steps[0]).toEqual({
      name: 'prepare_target',
      component: 'web',
      state: 'PENDING',
      attempts: 0,
      idempotencyKey: `${planned.id}:web:prepare_target:1`,
      lastError: null,
    });

    const approve = `mutation ($id: ID!) { approveMigration(id: $id) { state approvedBy } }`;
    const byOperator = await t.graphql(approve, { id: planned.id }, t.keys.operator);
    expect(byOperator.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byOperator.body.errors?.[0]?.message).toMatch(
      /one-off \$1.543111 against an admin limit of \$1: above the limit an admin must approve/,
    );
    expect(
      (await ok<{ approveMigration: { state: string } }>(approve, { id: planned.id }, t.keys.admin))
        .approveMigration,
    ).toEqual({
      state: 'APPROVED',
      approvedBy: 'apikey:test admin',
    });

    const events = collectProgress(planned.id, t.keys.reader);
    await events.ready;
    await ok(
      `mutation ($id: ID!) { startMigration(id: $id) { state } }`,
      { id: planned.id },
      t.keys.operator,
    );
    const progress = await events.done;
    expect(progress[0]).toMatchObject({
      migrationId: planned.id,
      state: 'APPROVED',
      stepsDone: 0,
      stepsTotal: 18,
    });
    expect(progress.at(-1)).toMatchObject({
      state: 'COMPLETED',
      stepsDone: 18,
      componentsOnTarget: ['web', 'db'],
      sourceServing: false,
    });
    const done = progress.map((p) => p.stepsDone as number);
    expect(done).toEqual([...done].sort((a, b) => a - b));

    const { migration } = await ok<{ migration: MigrationJson }>(
      `query ($id: ID!) { migration(id: $id) { ${MIGRATION_FIELDS} } }`,
      { id: planned.id },
      t.keys.reader,
    );
    expect(migration.state).toBe('COMPLETED');
    const first = migration.transitions.slice(0, 3).map((x) => [x.event, x.from, x.to, x.by]);
    expect(first).toEqual([
      ['plan', null, 'PLANNED', 'apikey:test operator'],
      ['approve', 'PLANNED', 'APPROVED', 'apikey:test admin'],
      ['start', 'APPROVED', 'RUNNING', 'apikey:test operator'],
    ]);
    expect(migration.transitions.some((x) => x.event === 'stepStarted' && x.by.startsWith('worker:'))).toBe(
      true,
    );
    expect(migration.transitions.at(-1)).toMatchObject({ event: 'stepSucceeded', to: 'COMPLETED' });

    const list = await ok<{ migrations: { id: string; state: string }[] }>(
      `query ($w: ID!) { migrations(filter: { workloadId: $w, states: [COMPLETED] }) { id state } }`,
      { w: workloadId },
      t.keys.reader,
    );
    expect(list.migrations).toEqual([{ id: planned.id, state: 'COMPLETED' }]);
    const history = await ok<{
      deployments: { provider: string; endedAt: string | null; migrationId: string | null }[];
    }>(
      `query ($w: ID!) { deployments(workloadId: $w) { provider endedAt migrationId } }`,
      { w: workloadId },
      t.keys.reader,
    );
    expect(
      history.deployments.filter((d) => d.endedAt === null).map((d) => [d.provider, d.migrationId]),
    ).toEqual([
      ['cloud-lab', planned.id],
      ['cloud-lab', planned.id],
    ]);

    const late = await t.graphql(
      `mutation ($id: ID!) { cancelMigration(id: $id) { state } }`,
      { id: planned.id },
      t.keys.operator,
    );
    expect(late.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const unknown = await t.graphql(
      `query { migration(id: "00000000-0000-0000-0000-000000000000") { id } }`,
      {},
      t.keys.reader,
    );
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a subscription without a valid key', async () => {
    const client = createClient({
      url: t.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: 'Bearer cmk_not-a-key' },
      retryAttempts: 0,
    });
    const iterator = client.iterate({
      query: 'subscription { migrationProgress(id: "00000000-0000-0000-0000-000000000000") { state } }',
    });
    await expect(iterator.next()).rejects.toBeDefined();
    await client.dispose();
  });

  function collectProgress(id: string, key: string) {
    const client = createClient({
      url: t.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${key}` },
    });
    let markReady!: () => void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const done = (async () => {
      const events: Record<string, unknown>[] = [];
      const iterator = client.iterate<{ migrationProgress: Record<string, unknown> }>({
        query: `subscription ($id: ID!) { migrationProgress(id: $id) { migrationId state stepsDone stepsTotal currentStepKey sourceServing componentsOnTarget at } }`,
        variables: { id },
      });
      for await (const result of iterator) {
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        events.push(result.data!.migrationProgress);
        if (events.length === 1) markReady();
        if (events.at(-1)!.state === 'COMPLETED') break;
      }
      await client.dispose();
      return events;
    })();
    return { ready, done };
  }
});
