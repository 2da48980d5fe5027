import {
  buildComponentSteps,
  COMPENSATION_OF,
  defaultImageFormat,
  idempotencyKey,
  IRREVERSIBLE_STEPS,
  UNDO_RANK,
} from './migration-steps.js';
import { STEP_KINDS, type ImageFormat, type MigrationStrategy } from './migration-types.js';

const steps = (
  strategy: MigrationStrategy,
  sourceFormat: ImageFormat = 'VMDK',
  targetFormat: ImageFormat = 'VHD',
  deltaSyncs = 2,
) =>
  buildComponentSteps({
    component: 'db',
    strategy,
    sourceFormat,
    targetFormat,
    deltaSyncs,
    dnsTtlSeconds: 60,
  });

describe('buildComponentSteps', () => {
  it.each([
    {
      name: 'COLD stops the source before the snapshot',
      strategy: 'COLD' as const,
      kinds: [
        'prepare_target',
        'stop_source',
        'snapshot_source',
        'transfer',
        'convert_image',
        'import_image',
        'start_target',
        'verify_health',
        'switch_traffic',
        'decommission_source',
      ],
    },
    {
      name: 'WARM copies while serving, N deltas, stops, one final delta',
      strategy: 'WARM' as const,
      kinds: [
        'prepare_target',
        'snapshot_source',
        'transfer',
        'convert_image',
        'import_image',
        'delta_sync',
        'delta_sync',
        'stop_source',
        'delta_sync',
        'start_target',
        'verify_health',
        'switch_traffic',
        'decommission_source',
      ],
    },
    {
      name: 'BLUE_GREEN never stops the source: verify, then DNS swap',
      strategy: 'BLUE_GREEN' as const,
      kinds: [
        'prepare_target',
        'snapshot_source',
        'transfer',
        'convert_image',
        'import_image',
        'start_target',
        'verify_health',
        'switch_traffic',
        'decommission_source',
      ],
    },
  ])('$name', ({ strategy, kinds }) => {
    expect(steps(strategy).map((s) => s.kind)).toEqual(kinds);
  });

  it('numbers WARM delta syncs 1…N+1 and marks only the last as final', () => {
    const deltas = steps('WARM', 'VMDK', 'VHD', 3).filter((s) => s.kind === 'delta_sync');
    expect(deltas.map((s) => [s.iteration, s.params.final])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
  });

  it.each([
    { name: 'VMDK → VHD converts', from: 'VMDK' as const, to: 'VHD' as const, skipped: null },
    { name: 'QCOW2 → RAW converts', from: 'QCOW2' as const, to: 'RAW' as const, skipped: null },
    {
      name: 'VHD → VHD is skipped with a reason',
      from: 'VHD' as const,
      to: 'VHD' as const,
      skipped: 'source and target both use VHD',
    },
  ])('convert_image: $name', ({ from, to, skipped }) => {
    const convert = steps('COLD', from, to).find((s) => s.kind === 'convert_image')!;
    expect(convert.skippedReason).toBe(skipped);
    expect(convert.params).toEqual({ fromFormat: from, toFormat: to });
  });

  it('puts only decommission_source in the DECOMMISSION phase, as the only irreversible step', () => {
    const all = steps('WARM');
    expect(all.filter((s) => s.phase === 'DECOMMISSION').map((s) => s.kind)).toEqual(['decommission_source']);
    expect(all.filter((s) => s.irreversible).map((s) => s.kind)).toEqual(['decommission_source']);
    expect([...IRREVERSIBLE_STEPS]).toEqual(['decommission_source']);
  });

  it('carries the DNS TTL on switch_traffic', () => {
    expect(steps('BLUE_GREEN').find((s) => s.kind === 'switch_traffic')!.params).toEqual({
      dnsTtlSeconds: 60,
    });
  });
});

describe('COMPENSATION_OF', () => {
  it.each([
    ['prepare_target', 'release_target'],
    ['stop_source', 'start_source'],
    ['snapshot_source', 'delete_snapshot'],
    ['transfer', 'delete_transferred_object'],
    ['convert_image', 'delete_converted_image'],
    ['import_image', 'delete_image'],
    ['start_target', 'stop_and_delete_target'],
    ['switch_traffic', 'switch_traffic_back'],
    ['verify_health', null],
    ['delta_sync', null],
    ['decommission_source', null],
  ] as const)('%s → %s', (kind, compensation) => {
    expect(COMPENSATION_OF[kind]).toBe(compensation);
  });

  it('covers every step kind', () => {
    expect(Object.keys(COMPENSATION_OF).sort()).toEqual([...STEP_KINDS].sort());
  });

  it('starts a stopped source before switching traffic back, and both before clean-up', () => {
    expect(UNDO_RANK.start_source).toBeLessThan(UNDO_RANK.switch_traffic_back);
    expect(UNDO_RANK.switch_traffic_back).toBeLessThan(UNDO_RANK.delete_image);
  });
});

describe('idempotencyKey', () => {
  it.each([
    { name: 'a single step', step: 'transfer' as const, iteration: 1, key: 'm-42:db:transfer:1' },
    { name: 'a WARM delta', step: 'delta_sync' as const, iteration: 3, key: 'm-42:db:delta_sync:3' },
    {
      name: 'a compensation',
      step: 'delete_snapshot' as const,
      iteration: 1,
      key: 'm-42:db:delete_snapshot:1',
    },
  ])('$name', ({ step, iteration, key }) => {
    expect(idempotencyKey('m-42', 'db', step, iteration)).toBe(key);
  });

  it.each([
    ['m:1', 'db'],
    ['m1', 'a:b'],
    ['', 'db'],
    ['m1', ''],
  ])('refuses ambiguous parts (%s, %s)', (id, component) => {
    expect(() => idempotencyKey(id, component, 'transfer', 1)).toThrow(RangeError);
  });
});

describe('defaultImageFormat', () => {
  it.each([
    ['aws', 'VMDK'],
    ['azure', 'VHD'],
    ['gcp', 'RAW'],
    ['onprem-london', 'VMDK'],
  ])('%s → %s', (provider, format) => {
    expect(defaultImageFormat(provider)).toBe(format);
  });
});
