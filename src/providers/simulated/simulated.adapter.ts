import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ProvidersConfig } from '../../config/config.js';
import type { ImageFormat, StepOutput } from '../../domain/migration/migration-types.js';
import {
  permanent,
  retryable,
  type Capacity,
  type CapacitySource,
  type MigrationDriver,
  type StepCall,
} from '../provider-port.js';
import { matchFault, type SimulatedFault } from './simulated-faults.js';
import { backgroundAt, siteLoadKey } from './simulated-site-load.js';
import { SimulatedRepository, type SimVm } from './simulated.repository.js';

export type SimulatedFlavour = 'onprem' | 'cloud';

/** A compensation of a step that never acted: nothing exists, nothing to undo. */
const NOTHING: StepOutput = Object.freeze({ nothingToUndo: true });

/** Set by the standalone worker: only there may an injected crash end the process. */
export const simulatedProcess = { isWorker: false };

const shortId = (prefix: string, key: string) =>
  `${prefix}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;

function addressFor(flavour: SimulatedFlavour, key: string): string {
  const h = createHash('sha256').update(key).digest();
  return flavour === 'onprem'
    ? `10.${h[0]}.${h[1]}.${1 + (h[2] % 254)}`
    : `198.18.${h[0]}.${1 + (h[1] % 254)}`;
}

const str = (output: StepOutput | null | undefined, field: string): string | null => {
  const value = output?.[field];
  return typeof value === 'string' ? value : null;
};

const vmName = (call: StepCall) => `${call.component.workloadId}/${call.component.name}`;

/** The DNS name users reach a component by, the same whichever site serves it. */
export function recordName(call: StepCall): string {
  return `${call.component.name}.${call.component.workloadId}`;
}

/**
 * A deterministic provider kept in PostgreSQL: an on-prem site (capacity from its region row,
 * private addresses, VMDK) or a cloud (a configured quota). Every call goes through the effect
 * log, so a key acts once. Faults come from config (per provider or '*') and from sim_faults
 * (per migration): fail and fail-permanent act before the effect; hang and crash after it, which
 * is the case that matters for resuming: the effect exists but nobody reported it.
 */
export class SimulatedAdapter implements MigrationDriver, CapacitySource {
  readonly adapterId = 'simulated';
  private readonly logger = new Logger(SimulatedAdapter.name);
  readonly imageFormat: ImageFormat | null;

  constructor(
    readonly providerId: string,
    readonly flavour: SimulatedFlavour,
    private readonly repo: SimulatedRepository,
    private readonly config: ProvidersConfig['simulated'],
  ) {
    this.imageFormat = flavour === 'onprem' ? 'VMDK' : null;
  }

  capacity(regionCode: string): Promise<Capacity> {
    return this.capacityWith(null, regionCode);
  }

  /**
   * Inside an effect the reads must use its transaction (PGlite has one session: no second one).
   * An on-prem site also carries its background load (simulated-site-load.ts): machines Cumulus
   * does not manage, scripted from config or set by simulateSiteLoad, so demos and tests can
   * fill a site without deploying workloads into it.
   */
  private async capacityWith(m: EntityManager | null, regionCode: string): Promise<Capacity> {
    const observedAt = new Date();
    const site =
      this.flavour === 'onprem' ? await this.repo.siteCapacity(this.providerId, regionCode, m) : null;
    const used = await this.repo.usedCapacity(this.providerId, regionCode, m);
    const totalVcpu = site?.vcpu ?? this.config.cloudQuotaVcpu;
    const totalMemoryGib = site?.memoryGib ?? this.config.cloudQuotaMemoryGib;
    const background =
      site === null
        ? 0
        : backgroundAt(
            await this.repo.storedSiteLoad(this.providerId, regionCode, m),
            this.config.siteLoads[siteLoadKey(this.providerId, regionCode)],
            observedAt,
          );
    return {
      providerId: this.providerId,
      regionCode,
      totalVcpu,
      usedVcpu: used.vcpu + background * totalVcpu,
      totalMemoryGib,
      usedMemoryGib: used.memoryGib + background * totalMemoryGib,
      observedAt,
    };
  }

  prepareTarget = (call: StepCall) =>
    this.act(call, 'prepare_target', async (m) => {
      const vcpu = call.component.vcpu * call.component.count;
      const memoryGib = call.component.memoryGib * call.component.count;
      if (this.flavour === 'onprem') {
        const cap = await this.capacityWith(m, call.target.regionCode);
        if (cap.usedVcpu + vcpu > cap.totalVcpu || cap.usedMemoryGib + memoryGib > cap.totalMemoryGib)
          throw permanent(
            `${this.providerId}/${call.target.regionCode} has ${cap.totalVcpu - cap.usedVcpu} vCPU free, ${vcpu} needed`,
            'CAPACITY_EXCEEDED',
          );
      }
      const id = shortId('vm', call.key);
      const address = addressFor(this.flavour, call.key);
      await this.repo.insertVm(m, this.providerId, {
        id,
        region: call.target.regionCode,
        name: vmName(call),
        state: 'PROVISIONED',
        vcpu,
        memoryGib,
        address,
      });
      return { vmId: id, address };
    });

  releaseTarget = (call: StepCall) =>
    this.act(call, 'release_target', async (m) => {
      const undone = await this.undone(m, call);
      if (undone === null) return NOTHING;
      const vmId = this.required(undone, 'vmId');
      const vm = await this.repo.findVm(m, this.providerId, vmId);
      if (vm && vm.state !== 'TERMINATED') await this.repo.setVmState(m, this.providerId, vmId, 'RELEASED');
      return { vmId };
    });

  stopSource = (call: StepCall) =>
    this.act(call, 'stop_source', async (m) => {
      const vm = await this.sourceVm(m, call);
      await this.repo.setVmState(m, this.providerId, vm.id, 'STOPPED');
      return { vmId: vm.id, wasState: vm.state };
    });

  startSource = (call: StepCall) =>
    this.act(call, 'start_source', async (m) => {
      const undone = await this.undone(m, call);
      if (undone === null) return NOTHING;
      const vmId = this.required(undone, 'vmId');
      await this.repo.setVmState(m, this.providerId, vmId, 'RUNNING');
      return { vmId };
    });

  snapshotSource = (call: StepCall) =>
    this.act(call, 'snapshot_source', async (m) => {
      const vm = await this.sourceVm(m, call);
      const id = shortId('snap', call.key);
      const format = String(call.params.format ?? this.imageFormat ?? 'VMDK');
      const sizeGib = call.component.storageGib * call.component.count;
      await this.repo.insertSnapshot(m, this.providerId, { id, vmId: vm.id, format, sizeGib });
      return { snapshotId: id, vmId: vm.id, format, sizeGib };
    });

  deleteSnapshot = (call: StepCall) =>
    this.act(call, 'delete_snapshot', async (m) => {
      const undone = await this.undone(m, call);
      if (undone === null) return NOTHING;
      const id = this.required(undone, 'snapshotId');
      await this.repo.deleteSnapshot(m, this.providerId, id);
      return { snapshotId: id };
    });

  transfer = (call: StepCall) =>
    this.act(call, 'transfer', async (m) => {
      const snapshot = call.outputs.snapshot_source;
      const snapshotId = this.required(snapshot, 'snapshotId');
      const format = str(snapshot, 'format') ?? 'VMDK';
      const sizeGib = Number(snapshot?.sizeGib ?? 0);
      const id = shortId('obj', call.key);
      await this.repo.insertImage(m, this.providerId, {
        id,
        kind: 'OBJECT',
        format,
        sourceRef: snapshotId,
        sizeGib,
      });
      return { objectId: id, format, sizeGib };
    });

  deleteTransferredObject = (call: StepCall) =>
    this.act(call, 'delete_transferred_object', async (m) => {
      const undone = await this.undone(m, call);
      if (undone === null) return NOTHING;
      const id = this.required(undone, 'objectId');
      await this.repo.deleteImage(m, this.providerId, id);
      return { objectId: id };
    });

  convertImage = (call: StepCall) =>
    this.act(call, 'convert_image', async (m) => {
      const objectId = this.required(call.outputs.transfer, 'objectId');
      const format = String(call.params.toFormat);
      const id = shortId('conv', call.key);
      const sizeGib = Number(call.outputs.transfer?.sizeGib ?? 0);
      await this.repo.insertImage(m, this.providerId, {
        id,
        kind: 'CONVERTED',
        format,
        sourceRef: objectId,
        sizeGib,
      });
      return { imageId: id, format };
    });

  deleteConvertedImage = (call: StepCall) =>
    this.act(call, 'delete_converted_image', async (m) => {
      const undone = await this.undone(m, call);
      if (undone === null) return NOTHING;
      const id = this.required(undone, 'imageId');
      await this.repo.deleteImage(m, this.providerId, id);
      return { imageId: id };
    });

  importImage = (call: StepCall) =>
    this.act(call, 'import_image', async (m) => {
      const from =
        str(call.outputs.convert_image, 'imageId') ?? this.required(call.outputs.transfer, 'objectId');
      const id = shortId('img', call.key);
      const format = String(call.params.format);
      const sizeGib = Number(call.outputs.transfer?.sizeGib ?? 0);
      await this.repo.insertImage(m, this.providerId, {
        id,
        kind: 'IMAGE',
        format,
        sourceRef: from,
        sizeGib,
      });
      return { imageId: id, format };
    });

  deleteImage = (call: StepCall) =>
    this.act(call, 'delete_image', async (m) => {
      const undone = await this.undone(m, call);
      if (undone === null) return NOTHING;
      const id = this.required(undone, 'imageId');
      await this.repo.deleteImage(m, this.providerId, id);
      return { imageId: id };
    });

  deltaSync = (call: StepCall) =>
    this.act(call, 'delta_sync', async () => ({
      imageId: str(call.outputs.import_image, 'imageId'),
      final: call.params.final === true,
    }));

  startTarget = (call: StepCall) =>
    this.act(call, 'start_target', async (m) => {
      const vmId = this.required(call.outputs.prepare_target, 'vmId');
      const imageId = this.required(call.outputs.import_image, 'imageId');
      if ((await this.repo.setVmState(m, this.providerId, vmId, 'RUNNING', imageId)) === 0)
        throw permanent(`no prepared machine ${vmId}`, 'NOT_FOUND');
      const vm = (await this.repo.findVm(m, this.providerId, vmId))!;
      return { vmId, resourceId: vmId, address: vm.address };
    });

  stopAndDeleteTarget = (call: StepCall) =>
    this.act(call, 'stop_and_delete_target', async (m) => {
      const undone = await this.undone(m, call);
      if (undone === null) return NOTHING;
      const vmId = this.required(undone, 'vmId');
      await this.repo.setVmState(m, this.providerId, vmId, 'TERMINATED');
      return { vmId };
    });

  verifyHealth = (call: StepCall) =>
    this.act(call, 'verify_health', async (m) => {
      const vmId = this.required(call.outputs.start_target, 'vmId');
      const vm = await this.repo.findVm(m, this.providerId, vmId);
      if (vm?.state !== 'RUNNING')
        throw retryable(`${vmId} is ${vm?.state ?? 'missing'}, not RUNNING`, 'NOT_READY');
      return { vmId, healthy: true };
    });

  switchTraffic = (call: StepCall) =>
    this.act(call, 'switch_traffic', async (m) => {
      const address = this.required(call.outputs.start_target, 'address');
      const name = recordName(call);
      const previous =
        (await this.repo.dnsRecord(m, name)) ??
        call.source.address ??
        (await this.repo.findLiveVmByName(m, call.source.providerId, vmName(call)))?.address ??
        null;
      await this.repo.setDnsRecord(m, name, address);
      return { record: name, address, previousAddress: previous };
    });

  switchTrafficBack = (call: StepCall) =>
    this.act(call, 'switch_traffic_back', async (m) => {
      const undone = await this.undone(m, call);
      if (undone === null) return NOTHING;
      const name = this.required(undone, 'record');
      const previous = str(undone, 'previousAddress');
      await this.repo.setDnsRecord(m, name, previous);
      return { record: name, address: previous };
    });

  decommissionSource = (call: StepCall) =>
    this.act(call, 'decommission_source', async (m) => {
      const vm = await this.sourceVm(m, call);
      await this.repo.setVmState(m, this.providerId, vm.id, 'TERMINATED');
      return { vmId: vm.id };
    });

  /**
   * The machine serving the component here: the deployment's resource id, else the live machine
   * of that name; a workload recorded with deployWorkload is adopted on first touch.
   */
  private async sourceVm(m: EntityManager, call: StepCall): Promise<SimVm> {
    const byId = call.source.resourceId
      ? await this.repo.findVm(m, this.providerId, call.source.resourceId)
      : null;
    if (byId) return byId;
    const name = vmName(call);
    const byName = await this.repo.findLiveVmByName(m, this.providerId, name);
    if (byName) return byName;
    const adopted = {
      id: shortId('vm', `adopted:${this.providerId}:${name}`),
      region: call.source.regionCode,
      name,
      state: 'RUNNING',
      vcpu: call.component.vcpu * call.component.count,
      memoryGib: call.component.memoryGib * call.component.count,
      address: call.source.address ?? addressFor(this.flavour, `adopted:${this.providerId}:${name}`),
    };
    await this.repo.insertVm(m, this.providerId, adopted);
    return { ...adopted, region_code: adopted.region, image_id: null };
  }

  /** The output of the step being undone: as reported, else from the effect log; null if it never acted. */
  private async undone(m: EntityManager, call: StepCall): Promise<StepOutput | null> {
    if (!call.undoes) throw permanent('a compensation needs the step it undoes', 'MISSING_INPUT');
    return call.undoes.output ?? (await this.repo.effectResult(m, call.undoes.key));
  }

  private required(output: StepOutput | null | undefined, field: string): string {
    const value = str(output, field);
    if (value === null) throw permanent(`the earlier step's output has no ${field}`, 'MISSING_INPUT');
    return value;
  }

  private async act(
    call: StepCall,
    operation: string,
    effect: (m: EntityManager) => Promise<StepOutput>,
  ): Promise<StepOutput> {
    if (this.config.stepLatencyMs > 0) await new Promise((r) => setTimeout(r, this.config.stepLatencyMs));
    const fault = matchFault(await this.faults(call), {
      operation,
      component: call.component.name,
      key: call.key,
      attempt: call.attempt,
    });
    if (fault === 'fail' || fault === 'fail-permanent') {
      await this.repo.logCall(null, this.providerId, call.key, operation, call.attempt, 'FAULT');
      const message = `injected failure of ${operation} on attempt ${call.attempt}`;
      throw fault === 'fail' ? retryable(message, 'INJECTED') : permanent(message, 'INJECTED');
    }
    const result = await this.repo.once(this.providerId, call.key, operation, call.attempt, effect);
    if (fault === 'hang') {
      this.logger.warn(`injected hang after ${operation} (${call.key}, attempt ${call.attempt})`);
      await new Promise(() => undefined);
    }
    if (fault === 'crash') {
      if (simulatedProcess.isWorker) process.exit(86);
      throw retryable(`injected crash after ${operation} (not in a worker process: reported as a failure)`);
    }
    return result;
  }

  private async faults(call: StepCall): Promise<SimulatedFault[]> {
    return [
      ...(this.config.faults[this.providerId] ?? []),
      ...(this.config.faults['*'] ?? []),
      ...(await this.repo.faultsFor(call.migrationId)),
    ];
  }
}
