import type {
  CompensationKind,
  ImageFormat,
  MigrationStrategy,
  PlannedStep,
  StepKind,
  StepParams,
} from './migration-types.js';

/**
 * What undoes each step. Null means there is nothing of its own to undo:
 * - verify_health only reads;
 * - delta_sync writes onto the imported disk, which delete_image / stop_and_delete_target remove
 *   (adapters keep delta snapshots in the chain that delete_snapshot removes).
 * decommission_source is the point of no return: once the source is deleted nothing brings it
 * back, so it has no compensation and the state machine refuses cancel/rollback as soon as it
 * has STARTED (a started attempt may already have deleted something; we cannot know).
 */
export const COMPENSATION_OF: Readonly<Record<StepKind, CompensationKind | null>> = Object.freeze({
  prepare_target: 'release_target',
  stop_source: 'start_source',
  snapshot_source: 'delete_snapshot',
  transfer: 'delete_transferred_object',
  convert_image: 'delete_converted_image',
  import_image: 'delete_image',
  delta_sync: null,
  start_target: 'stop_and_delete_target',
  verify_health: null,
  switch_traffic: 'switch_traffic_back',
  decommission_source: null,
});

export const IRREVERSIBLE_STEPS: ReadonlySet<StepKind> = new Set<StepKind>(['decommission_source']);

/**
 * The order undoing runs in, lowest first; within one rank, newest step first (reverse order).
 * Service comes back before clean-up (deleting copies can wait, an outage cannot), and a stopped
 * source starts before traffic is switched back to it, or users would be sent to a stopped
 * machine. Strict reverse order would get both wrong for a COLD migration.
 * Rollback after cutover returns to the source as it was at cutover: writes made on the target
 * since then are not copied back (no reverse sync is modelled); the UI must say so.
 */
export const UNDO_RANK: Readonly<Record<CompensationKind, number>> = Object.freeze({
  start_source: 0,
  switch_traffic_back: 1,
  release_target: 2,
  delete_snapshot: 2,
  delete_transferred_object: 2,
  delete_converted_image: 2,
  delete_image: 2,
  stop_and_delete_target: 2,
});

/**
 * The format each provider exports and imports natively, when the plan does not say:
 * AWS VM Import/Export's default disk format is VMDK; Azure takes only fixed-size VHD; GCP
 * image import reads a RAW disk.raw. Anything else (on-prem, hosting) is assumed to run vSphere
 * (VMDK, which every import above but Azure's accepts); a KVM/OpenStack site passes QCOW2.
 */
export const DEFAULT_IMAGE_FORMAT_BY_PROVIDER: Readonly<Record<string, ImageFormat>> = Object.freeze({
  aws: 'VMDK',
  azure: 'VHD',
  gcp: 'RAW',
});

export function defaultImageFormat(providerId: string): ImageFormat {
  return DEFAULT_IMAGE_FORMAT_BY_PROVIDER[providerId] ?? 'VMDK';
}

export interface ComponentStepsInput {
  readonly component: string;
  readonly strategy: MigrationStrategy;
  readonly sourceFormat: ImageFormat;
  readonly targetFormat: ImageFormat;
  /** WARM only: delta syncs while the source still serves; one more runs after it stops. */
  readonly deltaSyncs: number;
  readonly dnsTtlSeconds: number;
}

/**
 * The ordered steps of one component, MIGRATE phase then its decommission_source.
 * - COLD: the source stops first, so the snapshot is consistent and nothing changes after it.
 * - WARM: full copy while serving, N deltas while serving, stop, one final delta, start target.
 * - BLUE_GREEN: the target starts and is verified while the source serves; the DNS swap is the cutover.
 */
export function buildComponentSteps(input: ComponentStepsInput): PlannedStep[] {
  const { component, strategy, sourceFormat, targetFormat } = input;
  const steps: PlannedStep[] = [];
  const add = (kind: StepKind, params: StepParams = {}, iteration = 1, skippedReason: string | null = null) =>
    steps.push({
      component,
      kind,
      iteration,
      phase: kind === 'decommission_source' ? 'DECOMMISSION' : 'MIGRATE',
      compensation: COMPENSATION_OF[kind],
      irreversible: IRREVERSIBLE_STEPS.has(kind),
      skippedReason,
      params,
    });

  add('prepare_target');
  if (strategy === 'COLD') add('stop_source');
  add('snapshot_source', { format: sourceFormat });
  add('transfer');
  const same = sourceFormat === targetFormat;
  add(
    'convert_image',
    { fromFormat: sourceFormat, toFormat: targetFormat },
    1,
    same ? `source and target both use ${sourceFormat}` : null,
  );
  add('import_image', { format: targetFormat });
  if (strategy === 'WARM') {
    const n = Math.max(0, Math.floor(input.deltaSyncs));
    for (let i = 1; i <= n; i++) add('delta_sync', { final: false }, i);
    add('stop_source');
    add('delta_sync', { final: true }, n + 1);
  }
  add('start_target');
  add('verify_health');
  add('switch_traffic', { dnsTtlSeconds: input.dnsTtlSeconds });
  add('decommission_source');
  return steps;
}

/** The separator of idempotency keys; component names must not contain it. */
export const KEY_SEPARATOR = ':';

export function idempotencyKey(
  migrationId: string,
  component: string,
  step: StepKind | CompensationKind,
  iteration: number,
): string {
  for (const part of [migrationId, component]) {
    if (part.length === 0 || part.includes(KEY_SEPARATOR)) {
      throw new RangeError(
        `idempotency key part "${part}" must be non-empty and contain no "${KEY_SEPARATOR}"`,
      );
    }
  }
  return [migrationId, component, step, String(iteration)].join(KEY_SEPARATOR);
}
