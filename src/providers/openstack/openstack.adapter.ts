import { createHash } from 'node:crypto';
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
import { OpenStackClient } from './openstack-client.js';
import { OpenStackResources, tagOf, type GlanceImage } from './openstack-resources.js';

const short = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16);
const str = (o: StepOutput | null | undefined, f: string) => (typeof o?.[f] === 'string' ? o[f] : null);
const list = (o: StepOutput | null | undefined, f: string) =>
  Array.isArray(o?.[f]) ? (o[f] as string[]) : [];

/**
 * An on-prem OpenStack cloud: Nova (server groups, servers and their actions, createImage,
 * limits), Glance v2 (image records, data upload, interoperable import with web-download for
 * the format conversion) and Designate (recordsets) for the traffic switch. Calls without an
 * idempotency token find their earlier result by a tag or name derived from the key; deleting
 * what is already gone (404) counts as done.
 */
export class OpenStackAdapter implements MigrationDriver, CapacitySource {
  readonly adapterId = 'openstack';
  readonly imageFormat: ImageFormat = 'QCOW2';
  private readonly api: OpenStackClient;
  private readonly res: OpenStackResources;

  constructor(private readonly config: ProvidersConfig['openstack']) {
    this.api = new OpenStackClient(config);
    this.res = new OpenStackResources(this.api, config);
  }

  async capacity(regionCode: string): Promise<Capacity> {
    const { body } = await this.api.request<{ limits: { absolute: Record<string, number> } }>(
      'compute',
      'GET',
      '/limits',
    );
    const a = body.limits.absolute;
    return {
      providerId: 'openstack',
      regionCode,
      totalVcpu: a.maxTotalCores ?? 0,
      usedVcpu: a.totalCoresUsed ?? 0,
      totalMemoryGib: (a.maxTotalRAMSize ?? 0) / 1024,
      usedMemoryGib: (a.totalRAMUsed ?? 0) / 1024,
      observedAt: new Date(),
    };
  }

  prepareTarget = async (call: StepCall): Promise<StepOutput> => {
    const name = tagOf(call.key);
    const groups = await this.api.request<{ server_groups: { id: string; name: string }[] }>(
      'compute',
      'GET',
      '/os-server-groups',
    );
    const found = groups.body.server_groups.find((g) => g.name === name);
    if (found) return { serverGroupId: found.id };
    const created = await this.api.request<{ server_group: { id: string } }>(
      'compute',
      'POST',
      '/os-server-groups',
      {
        server_group: { name, policies: ['soft-anti-affinity'] },
      },
    );
    return { serverGroupId: created.body.server_group.id };
  };

  releaseTarget = async (call: StepCall): Promise<StepOutput> => {
    let id = str(call.undoes?.output, 'serverGroupId');
    if (!id) {
      const groups = await this.api.request<{ server_groups: { id: string; name: string }[] }>(
        'compute',
        'GET',
        '/os-server-groups',
      );
      id = groups.body.server_groups.find((g) => g.name === tagOf(call.undoes!.key))?.id ?? null;
    }
    if (id)
      await this.api.request('compute', 'DELETE', `/os-server-groups/${id}`, undefined, { allow: [404] });
    return { serverGroupId: id };
  };

  stopSource = async (call: StepCall) => ({
    serverId: await this.res.serverAction(this.sourceId(call), 'os-stop', 'SHUTOFF'),
  });

  startSource = async (call: StepCall) => ({
    serverId: await this.res.serverAction(
      str(call.undoes?.output, 'serverId') ?? this.sourceId(call),
      'os-start',
      'ACTIVE',
    ),
  });

  /** createImage of the source server, named after the key (found by name on a replay). */
  snapshotSource = async (call: StepCall): Promise<StepOutput> => {
    const name = tagOf(call.key);
    let image = await this.res.imageByName(name);
    if (!image) {
      const out = await this.api.request<{ image_id: string }>(
        'compute',
        'POST',
        `/servers/${this.sourceId(call)}/action`,
        {
          createImage: { name, metadata: { 'cumulus-key': tagOf(call.key) } },
        },
      );
      image = { id: out.body.image_id, status: 'queued' };
    }
    await this.res.waitForImage(image.id);
    return this.res.imageOutput(image.id, call);
  };

  deleteSnapshot = async (call: StepCall) =>
    this.res.deleteImageBy(call, 'imageId', (k) => this.res.imageByName(tagOf(k)));

  /** A Glance image record tagged with the key, then its data (an exported disk, or a manifest). */
  transfer = async (call: StepCall): Promise<StepOutput> => {
    const snapshot = call.outputs.snapshot_source ?? {};
    const format = (str(snapshot, 'format') ?? 'VMDK').toLowerCase();
    let image = await this.res.imageByTag(tagOf(call.key));
    if (!image) {
      const created = await this.api.request<GlanceImage>('image', 'POST', '/v2/images', {
        name: `${call.component.name}-${short(call.key)}`,
        disk_format: format,
        container_format: 'bare',
        tags: [tagOf(call.key)],
      });
      image = created.body;
    }
    if (image.status === 'queued') {
      const url = str(snapshot, 'downloadUrl');
      const data = url ? Buffer.from(await (await fetch(url)).arrayBuffer()) : JSON.stringify({ snapshot });
      await this.api.request('image', 'PUT', `/v2/images/${image.id}/file`, data, {
        contentType: 'application/octet-stream',
      });
    }
    return { imageId: image.id, format: format.toUpperCase(), sizeGib: Number(snapshot.sizeGib ?? 0) };
  };

  deleteTransferredObject = async (call: StepCall) =>
    this.res.deleteImageBy(call, 'imageId', (k) => this.res.imageByTag(tagOf(k)));

  /** Glance's interoperable import (web-download) into a record in the target format. */
  convertImage = async (call: StepCall): Promise<StepOutput> => {
    const from = this.required(call.outputs.transfer, 'imageId');
    const to = String(call.params.toFormat).toLowerCase();
    let image = await this.res.imageByTag(tagOf(call.key));
    if (!image) {
      const created = await this.api.request<GlanceImage>('image', 'POST', '/v2/images', {
        name: `${call.component.name}-${short(call.key)}`,
        disk_format: to,
        container_format: 'bare',
        tags: [tagOf(call.key)],
      });
      image = created.body;
      await this.api.request('image', 'POST', `/v2/images/${image.id}/import`, {
        method: { name: 'web-download', uri: `${await this.api.serviceUrl('image')}/v2/images/${from}/file` },
      });
    }
    await this.res.waitForImage(image.id);
    return { imageId: image.id, format: to.toUpperCase() };
  };

  deleteConvertedImage = async (call: StepCall) =>
    this.res.deleteImageBy(call, 'imageId', (k) => this.res.imageByTag(tagOf(k)));

  /** The image to boot: the converted one, else the transferred one, marked as imported. */
  importImage = async (call: StepCall): Promise<StepOutput> => {
    const id = str(call.outputs.convert_image, 'imageId') ?? this.required(call.outputs.transfer, 'imageId');
    await this.res.waitForImage(id);
    await this.api.request('image', 'PUT', `/v2/images/${id}/tags/${tagOf(call.key)}`);
    return { imageId: id };
  };

  deleteImage = async (call: StepCall) =>
    this.res.deleteImageBy(call, 'imageId', (k) => this.res.imageByTag(tagOf(k)));

  deltaSync = async (): Promise<StepOutput> => {
    throw permanent('the openstack adapter has no incremental sync: plan COLD or BLUE_GREEN', 'UNSUPPORTED');
  };

  startTarget = async (call: StepCall): Promise<StepOutput> => {
    const name = tagOf(call.key);
    let servers = await this.res.serversByName(name);
    if (servers.length === 0) {
      const group = str(call.outputs.prepare_target, 'serverGroupId');
      await this.api.request('compute', 'POST', '/servers', {
        server: {
          name,
          imageRef: this.required(call.outputs.import_image, 'imageId'),
          flavorRef: this.config.flavorId ?? call.component.targetInstanceType ?? 'm1.medium',
          min_count: call.component.count,
          max_count: call.component.count,
          networks: this.config.networkId ? [{ uuid: this.config.networkId }] : 'auto',
          metadata: { 'cumulus-component': `${call.component.workloadId}/${call.component.name}` },
        },
        ...(group ? { 'os:scheduler_hints': { group } } : {}),
      });
      servers = await this.res.serversByName(name);
    }
    const ids = servers.map((s) => s.id).sort();
    const first = await this.res.server(ids[0]);
    const address = Object.values(first?.addresses ?? {}).flat()[0]?.addr ?? null;
    return { serverIds: ids, resourceId: ids.join(','), address };
  };

  stopAndDeleteTarget = async (call: StepCall): Promise<StepOutput> => {
    let ids = list(call.undoes?.output, 'serverIds');
    if (ids.length === 0) ids = (await this.res.serversByName(tagOf(call.undoes!.key))).map((s) => s.id);
    for (const id of ids)
      await this.api.request('compute', 'DELETE', `/servers/${id}`, undefined, { allow: [404] });
    return { serverIds: ids };
  };

  verifyHealth = async (call: StepCall): Promise<StepOutput> => {
    const ids = list(call.outputs.start_target, 'serverIds');
    for (const id of ids) {
      const server = await this.res.server(id);
      if (server?.status === 'ERROR') throw permanent(`server ${id} is in ERROR`, 'SERVER_ERROR');
      if (server?.status !== 'ACTIVE')
        throw retryable(`server ${id} is ${server?.status ?? 'missing'}`, 'NOT_READY');
    }
    return { serverIds: ids, healthy: true };
  };

  switchTraffic = async (call: StepCall): Promise<StepOutput> => {
    const address = this.required(call.outputs.start_target, 'address');
    const record = this.res.recordName(call);
    const current = await this.res.recordset(record);
    const now = current?.records[0] ?? null;
    // A replay finds the record already switched; the source's own address is then what it was.
    const previousAddress = now === null || now === address ? call.source.address : now;
    await this.res.setRecord(record, address, current?.id ?? null);
    return { record, address, previousAddress };
  };

  switchTrafficBack = async (call: StepCall): Promise<StepOutput> => {
    const record = str(call.undoes?.output, 'record') ?? this.res.recordName(call);
    const previous = str(call.undoes?.output, 'previousAddress');
    const current = await this.res.recordset(record);
    if (previous) await this.res.setRecord(record, previous, current?.id ?? null);
    else if (current)
      await this.api.request(
        'dns',
        'DELETE',
        `/v2/zones/${this.res.zone()}/recordsets/${current.id}`,
        undefined,
        { allow: [404] },
      );
    return { record, address: previous };
  };

  decommissionSource = async (call: StepCall): Promise<StepOutput> => {
    const id = this.sourceId(call);
    await this.api.request('compute', 'DELETE', `/servers/${id}`, undefined, { allow: [404] });
    return { serverId: id };
  };

  private sourceId(call: StepCall): string {
    if (!call.source.resourceId)
      throw permanent('the deployment names no server (tags.resourceId)', 'MISSING_INPUT');
    return call.source.resourceId.split(',')[0];
  }

  private required(output: StepOutput | null | undefined, field: string): string {
    const value = str(output, field);
    if (!value) throw permanent(`the earlier step's output has no ${field}`, 'MISSING_INPUT');
    return value;
  }
}
