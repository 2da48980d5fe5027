import type { CompensationKind, StepKind, StepOutput } from '../../src/domain/migration/migration-types.js';
import {
  COMPENSATION_ROUTE,
  ProviderError,
  STEP_ROUTE,
  type ComponentRef,
  type MigrationDriver,
  type SiteRef,
  type StepCall,
} from '../../src/providers/provider-port.js';

/** What one adapter under test offers the contract. */
export interface ContractSubject {
  /** The source's and the target's adapter (the same one for a move within one provider). */
  readonly source: MigrationDriver;
  readonly target: MigrationDriver;
  readonly sourceSite: SiteRef;
  readonly targetSite: SiteRef;
  /** Changes of state the provider has seen so far (created, deleted, started, switched…). */
  effects(): Promise<number>;
  /** The next request to the provider fails as the provider fails: retryable or not. */
  failNext(kind: 'retryable' | 'permanent'): void;
  /** Formats the target's import reads; the source exports its own. */
  readonly formats: { readonly from: string; readonly to: string };
  close(): Promise<void>;
}

const COMPONENT: ComponentRef = {
  workloadId: '3b2f6c1e-0000-4000-8000-00000000c0de',
  workloadName: 'contract',
  name: 'app',
  count: 1,
  vcpu: 2,
  memoryGib: 8,
  storageGib: 20,
  targetInstanceType: null,
};

const FORWARD: StepKind[] = [
  'prepare_target',
  'stop_source',
  'snapshot_source',
  'transfer',
  'convert_image',
  'import_image',
  'start_target',
  'verify_health',
  'switch_traffic',
];

/**
 * The cases every MigrationDriver passes: each step, then each compensation in reverse, each
 * called twice with the same key (the second call has no effect and returns the same result),
 * a compensation of a step that never acted is a no-op, and errors are typed.
 */
export function runDriverContract(name: string, setup: () => Promise<ContractSubject>): void {
  describe(`MigrationDriver contract: ${name}`, () => {
    let s: ContractSubject;
    const migrationId = `m${Date.now().toString(36)}`;
    const outputs: Partial<Record<StepKind, StepOutput>> = {};
    beforeAll(async () => {
      s = await setup();
    });
    afterAll(() => s.close());

    const call = (key: string, params: StepCall['params'] = {}, undoes?: StepCall['undoes']): StepCall => ({
      key,
      migrationId,
      attempt: 1,
      component: COMPONENT,
      source: s.sourceSite,
      target: s.targetSite,
      params,
      outputs: { ...outputs },
      undoes,
    });
    const paramsOf = (kind: StepKind): StepCall['params'] =>
      kind === 'snapshot_source'
        ? { format: s.formats.from }
        : kind === 'convert_image'
          ? { fromFormat: s.formats.from, toFormat: s.formats.to }
          : kind === 'import_image'
            ? { format: s.formats.to }
            : kind === 'switch_traffic'
              ? { dnsTtlSeconds: 60 }
              : {};
    const driverFor = (side: 'source' | 'target') => (side === 'source' ? s.source : s.target);

    it('runs every step once per key, then every compensation once per key', async () => {
      for (const kind of FORWARD) {
        const route = STEP_ROUTE[kind];
        const key = `${migrationId}:app:${kind}:1`;
        const before = await s.effects();
        const first = await driverFor(route.side)[route.method](call(key, paramsOf(kind)));
        const after = await s.effects();
        const again = await driverFor(route.side)[route.method](call(key, paramsOf(kind)));
        expect({ kind, output: again }).toEqual({ kind, output: first });
        expect({ kind, replayEffects: (await s.effects()) - after }).toEqual({ kind, replayEffects: 0 });
        if (kind !== 'verify_health' && kind !== 'convert_image')
          expect({ kind, acted: after > before }).toEqual({ kind, acted: true });
        outputs[kind] = first;
      }
      const undo: [CompensationKind, StepKind][] = [
        ['switch_traffic_back', 'switch_traffic'],
        ['stop_and_delete_target', 'start_target'],
        ['delete_image', 'import_image'],
        ['delete_converted_image', 'convert_image'],
        ['delete_transferred_object', 'transfer'],
        ['delete_snapshot', 'snapshot_source'],
        ['start_source', 'stop_source'],
        ['release_target', 'prepare_target'],
      ];
      for (const [compensation, step] of undo) {
        const route = COMPENSATION_ROUTE[compensation];
        const key = `${migrationId}:app:${compensation}:1`;
        const undoes = { key: `${migrationId}:app:${step}:1`, output: outputs[step] ?? null };
        await driverFor(route.side)[route.method](call(key, {}, undoes));
        const after = await s.effects();
        await driverFor(route.side)[route.method](call(key, {}, undoes));
        expect({ compensation, replayEffects: (await s.effects()) - after }).toEqual({
          compensation,
          replayEffects: 0,
        });
      }
    });

    it('decommissions the source once', async () => {
      const key = `${migrationId}:app:decommission_source:1`;
      const before = await s.effects();
      const first = await s.source.decommissionSource(call(key));
      const after = await s.effects();
      expect(after).toBeGreaterThan(before);
      expect(await s.source.decommissionSource(call(key))).toEqual(first);
      expect(await s.effects()).toBe(after);
    });

    it('undoes nothing for a step that never acted', async () => {
      const before = await s.effects();
      const never = { key: `${migrationId}:other:import_image:1`, output: null };
      await s.target.deleteImage(call(`${migrationId}:other:delete_image:1`, {}, never));
      await s.target.releaseTarget(
        call(
          `${migrationId}:other:release_target:1`,
          {},
          { ...never, key: `${migrationId}:other:prepare_target:1` },
        ),
      );
      expect(await s.effects()).toBe(before);
    });

    it.each(['retryable', 'permanent'] as const)('types a %s provider error', async (kind) => {
      s.failNext(kind);
      const error = await s.target.prepareTarget(call(`${migrationId}:err-${kind}:prepare_target:1`)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).retryable).toBe(kind === 'retryable');
    });
  });
}
