import path from 'node:path';
import { freshCliEnvironment, runCli } from '../support/cli.js';
import { FIXTURES, SITE } from './support/overspill-harness.js';

/** `cumulus overspill …` as a user runs it (the built CLI), on the embedded default or DATABASE_URL's server. */
describe('cumulus overspill', () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ env, cleanup } = await freshCliEnvironment('overspill-cli'));
  });
  afterAll(() => cleanup());

  const cli = async (args: string[]) => {
    const result = await runCli(args, env);
    if (result.code !== 0) throw new Error(`cumulus ${args.join(' ')} → ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout) as Record<string, unknown> & Record<string, unknown>[];
  };

  it('creates a policy, ticks it, reads the log and the status, updates and deletes it', async () => {
    await cli([
      'catalog',
      'import',
      '--format',
      'cumulus-csv',
      path.join(FIXTURES, 'onprem-ovs.cumulus.csv'),
    ]);
    const refused = await runCli(
      ['overspill', 'policy', 'create', '--site', 'onprem-ovs/nowhere', '--schedule', '*/5 * * * *'],
      env,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--high: is required');

    const [created] = (await cli([
      'overspill',
      'policy',
      'create',
      '--site',
      SITE,
      '--schedule',
      '*/5 * * * *',
      '--high',
      '0.8',
      '--low',
      '0.5',
      '--max-vcpu-out',
      '40',
      '--max-cost-per-day',
      '45.50',
      '--max-moves-per-hour',
      '6',
      '--tags',
      'burst,batch',
      '--constraints',
      '{"providerKinds":["PUBLIC_CLOUD"]}',
      '--json',
    ])) as unknown as Record<string, unknown>[];
    expect(created).toMatchObject({
      site: SITE,
      mode: 'DRY_RUN',
      dwellTicks: 3,
      maxCostPerDay: '45.5',
      selector: { tags: ['burst', 'batch'], minPriority: 0 },
      targetConstraints: { providerKinds: ['PUBLIC_CLOUD'] },
    });
    const id = created.id as string;

    await cli(['overspill', 'simulate-load', SITE, '0.9', '--json']);
    const tick = await cli(['overspill', 'tick', id, '--json']);
    expect(tick).toMatchObject({ policyId: id, trigger: 'MANUAL', action: 'HOLD', dryRun: true });
    expect((tick.reasons as string[])[0]).toBe(
      'utilisation 0.9 ≥ high watermark 0.8 for 1/3 ticks: dwell not reached',
    );

    const decisions = await cli(['overspill', 'decisions', id, '--json']);
    expect(decisions.map((d) => d.id)).toEqual([tick.id]);
    const status = await cli(['overspill', 'status', SITE, '--json']);
    expect(status).toMatchObject({
      site: SITE,
      capacity: { usedVcpu: 90, totalVcpu: 100 },
      lastDecision: { id: tick.id },
    });

    const [updated] = (await cli([
      'overspill',
      'policy',
      'update',
      id,
      '--mode',
      'ENFORCE',
      '--json',
    ])) as unknown as Record<string, unknown>[];
    expect(updated).toMatchObject({ id, mode: 'ENFORCE', highWatermark: 0.8, maxCostPerDay: '45.5' });
    expect(await cli(['overspill', 'policy', 'delete', id, '--json'])).toEqual({ deleted: true });
    expect(await cli(['overspill', 'policy', 'list', '--json'])).toEqual([]);
  }, 300_000);
});
