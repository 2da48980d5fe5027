import {
  createMigration,
  findByKey,
  nextForwardStep,
  pointOfNoReturn,
  progressOf,
} from './migration-record.js';
import { buildComponentSteps } from './migration-steps.js';
import { DEFAULT_MIGRATION_POLICY } from './retry-policy.js';
import type { ImageFormat } from './migration-types.js';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const stepsOf = (component: string, targetFormat: ImageFormat = 'VHD') =>
  buildComponentSteps({
    component,
    strategy: 'BLUE_GREEN',
    sourceFormat: 'VMDK',
    targetFormat,
    deltaSyncs: 0,
    dnsTtlSeconds: 30,
  });

describe('createMigration', () => {
  const m = createMigration(
    {
      id: 'm7',
      strategy: 'BLUE_GREEN',
      oneOffCostUsd: '12.5',
      componentSteps: [stepsOf('web', 'VMDK'), stepsOf('db')],
    },
    NOW,
  );

  it('runs every MIGRATE step in component order, then every decommission after them', () => {
    expect(m.steps.map((s) => `${s.component}:${s.kind}`)).toEqual([
      'web:prepare_target',
      'web:snapshot_source',
      'web:transfer',
      'web:convert_image',
      'web:import_image',
      'web:start_target',
      'web:verify_health',
      'web:switch_traffic',
      'db:prepare_target',
      'db:snapshot_source',
      'db:transfer',
      'db:convert_image',
      'db:import_image',
      'db:start_target',
      'db:verify_health',
      'db:switch_traffic',
      'web:decommission_source',
      'db:decommission_source',
    ]);
    expect(m.steps.map((s) => s.index)).toEqual(m.steps.map((_, i) => i));
  });

  it('keys every step and compensation as migrationId:component:step:iteration', () => {
    expect(m.steps[0]).toMatchObject({
      key: 'm7:web:prepare_target:1',
      compensationKey: 'm7:web:release_target:1',
    });
    expect(m.steps.find((s) => s.kind === 'verify_health')).toMatchObject({
      key: 'm7:web:verify_health:1',
      compensationKey: null,
    });
    expect(findByKey(m.steps, 'm7:db:delete_image:1')).toMatchObject({
      role: 'COMPENSATION',
      step: { kind: 'import_image', component: 'db' },
    });
    expect(findByKey(m.steps, 'm7:db:nothing:1')).toBeNull();
  });

  it('starts PLANNED at version 0 with the policy copied in, a skipped conversion SKIPPED', () => {
    expect(m).toMatchObject({
      state: 'PLANNED',
      version: 0,
      policy: DEFAULT_MIGRATION_POLICY,
      createdAt: NOW.toISOString(),
      approvedBy: null,
      failure: null,
    });
    expect(m.steps.filter((s) => s.state === 'SKIPPED').map((s) => s.key)).toEqual([
      'm7:web:convert_image:1',
    ]);
    expect(m.steps.every((s) => s.attemptLimit === 5 && s.attempts === 0)).toBe(true);
  });

  it('reports progress without counting skipped steps', () => {
    expect(progressOf(m)).toEqual({
      migrationId: 'm7',
      state: 'PLANNED',
      stepsDone: 0,
      stepsTotal: 17,
      currentStepKey: null,
      sourceServing: true,
      componentsOnTarget: [],
    });
  });

  it('skips SKIPPED steps when looking for the next one', () => {
    const steps = m.steps.map((s) => (s.index < 3 ? { ...s, state: 'SUCCEEDED' as const } : s));
    expect(nextForwardStep(steps)?.key).toBe('m7:web:import_image:1');
  });

  it('finds the point of no return only once a decommission attempt started', () => {
    expect(pointOfNoReturn(m.steps)).toBeNull();
    const steps = m.steps.map((s) =>
      s.kind === 'decommission_source' && s.component === 'db' ? { ...s, attempts: 1 } : s,
    );
    expect(pointOfNoReturn(steps)?.key).toBe('m7:db:decommission_source:1');
  });

  it('refuses two components with the same name', () => {
    expect(() =>
      createMigration(
        { id: 'm8', strategy: 'COLD', oneOffCostUsd: '0', componentSteps: [stepsOf('a'), stepsOf('a')] },
        NOW,
      ),
    ).toThrow(/share an idempotency key/);
  });
});
