import type { ImportSummary } from '../catalog/import-summary.js';
import type {
  CompensationKind,
  ImageFormat,
  StepKind,
  StepOutput,
  StepParams,
} from '../domain/migration/migration-types.js';

/**
 * The one port every provider adapter implements, in parts: a provider may only sell a catalog
 * (CatalogSource), report capacity (CapacitySource) and/or move machines (MigrationDriver).
 * Migration and overspill use these interfaces and never know which adapter is behind them.
 */

/** Feeds the catalog: a thin face over the importers (the catalog service does the storing). */
export interface CatalogSource {
  readonly providerId: string;
  /** The import formats this provider publishes its prices in. */
  formats(): readonly string[];
  importFiles(format: string, files: readonly string[], createdBy: string): Promise<ImportSummary>;
}

/** Capacity and use of an on-prem site, or a cloud account's quota, at one instant. */
export interface Capacity {
  readonly providerId: string;
  readonly regionCode: string;
  readonly totalVcpu: number;
  readonly usedVcpu: number;
  readonly totalMemoryGib: number;
  readonly usedMemoryGib: number;
  readonly observedAt: Date;
}

export interface CapacitySource {
  capacity(regionCode: string): Promise<Capacity>;
}

/** Where one side of a move is: provider, region, and the running resource when known. */
export interface SiteRef {
  readonly providerId: string;
  readonly regionCode: string;
  /** The adapter's id of the machine serving the component (from the deployment's tags). */
  readonly resourceId: string | null;
  /** The address users reach it at (the DNS record's current value), when known. */
  readonly address: string | null;
}

export interface ComponentRef {
  readonly workloadId: string;
  readonly workloadName: string;
  readonly name: string;
  readonly count: number;
  readonly vcpu: number;
  readonly memoryGib: number;
  /** Per instance. */
  readonly storageGib: number;
  /** The target's instance type, when the pricing named one. */
  readonly targetInstanceType: string | null;
}

/**
 * One call for one step. `key` is the step's idempotency key: an adapter that receives a key it
 * has already acted on returns the recorded result and does nothing again.
 */
export interface StepCall {
  readonly key: string;
  readonly migrationId: string;
  /** The forward attempt (1-based) this call belongs to; compensations carry their own count. */
  readonly attempt: number;
  readonly component: ComponentRef;
  readonly source: SiteRef;
  readonly target: SiteRef;
  readonly params: StepParams;
  /** Outputs of the component's earlier steps, by step kind (latest iteration). */
  readonly outputs: Readonly<Partial<Record<StepKind, StepOutput>>>;
  /**
   * Set for a compensation: the step it undoes, by key, and that step's output. The output is
   * null when the step failed or its worker was lost after acting: the adapter then finds what
   * the key created (its own record, or a tag) and undoes that, or nothing if nothing exists.
   */
  readonly undoes?: { readonly key: string; readonly output: StepOutput | null };
}

type StepMethod = (call: StepCall) => Promise<StepOutput>;

/** A step per method, a compensation for each, names as in src/domain/migration/migration-steps.ts. */
export interface MigrationDriver {
  readonly adapterId: string;
  /** The disk format this provider exports and imports; null: the domain's default for the provider. */
  readonly imageFormat: ImageFormat | null;

  prepareTarget: StepMethod;
  stopSource: StepMethod;
  snapshotSource: StepMethod;
  transfer: StepMethod;
  convertImage: StepMethod;
  importImage: StepMethod;
  deltaSync: StepMethod;
  startTarget: StepMethod;
  verifyHealth: StepMethod;
  switchTraffic: StepMethod;
  decommissionSource: StepMethod;

  releaseTarget: StepMethod;
  startSource: StepMethod;
  deleteSnapshot: StepMethod;
  deleteTransferredObject: StepMethod;
  deleteConvertedImage: StepMethod;
  deleteImage: StepMethod;
  stopAndDeleteTarget: StepMethod;
  switchTrafficBack: StepMethod;
}

export type DriverMethod = Exclude<keyof MigrationDriver, 'adapterId' | 'imageFormat'>;

/**
 * Which side's adapter performs a step, and through which method. Steps on the machine that
 * serves today go to the source's adapter; everything that builds the new copy, and the DNS
 * swap (the record lives in the zone the target's adapter manages), goes to the target's.
 */
export const STEP_ROUTE: Readonly<Record<StepKind, { side: 'source' | 'target'; method: DriverMethod }>> = {
  prepare_target: { side: 'target', method: 'prepareTarget' },
  stop_source: { side: 'source', method: 'stopSource' },
  snapshot_source: { side: 'source', method: 'snapshotSource' },
  transfer: { side: 'target', method: 'transfer' },
  convert_image: { side: 'target', method: 'convertImage' },
  import_image: { side: 'target', method: 'importImage' },
  delta_sync: { side: 'target', method: 'deltaSync' },
  start_target: { side: 'target', method: 'startTarget' },
  verify_health: { side: 'target', method: 'verifyHealth' },
  switch_traffic: { side: 'target', method: 'switchTraffic' },
  decommission_source: { side: 'source', method: 'decommissionSource' },
};

export const COMPENSATION_ROUTE: Readonly<
  Record<CompensationKind, { side: 'source' | 'target'; method: DriverMethod }>
> = {
  release_target: { side: 'target', method: 'releaseTarget' },
  start_source: { side: 'source', method: 'startSource' },
  delete_snapshot: { side: 'source', method: 'deleteSnapshot' },
  delete_transferred_object: { side: 'target', method: 'deleteTransferredObject' },
  delete_converted_image: { side: 'target', method: 'deleteConvertedImage' },
  delete_image: { side: 'target', method: 'deleteImage' },
  stop_and_delete_target: { side: 'target', method: 'stopAndDeleteTarget' },
  switch_traffic_back: { side: 'target', method: 'switchTrafficBack' },
};

/**
 * Every adapter error is one of two kinds, so the orchestrator knows whether to retry:
 * retryable (throttling, 5xx, timeouts, a resource still being built) or not (bad input,
 * denied, quota exceeded, an unsupported format).
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code: string = retryable ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_REFUSED',
  ) {
    super(message);
    this.name = retryable ? 'RetryableProviderError' : 'PermanentProviderError';
  }
}

export const retryable = (message: string, code?: string) => new ProviderError(message, true, code);
export const permanent = (message: string, code?: string) => new ProviderError(message, false, code);

/** HTTP status → retryable: 408, 425, 429 and 5xx are worth another try, other 4xx are not. */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
