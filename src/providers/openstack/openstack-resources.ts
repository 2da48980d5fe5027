import { createHash } from 'node:crypto';
import type { ProvidersConfig } from '../../config/config.js';
import type { StepOutput } from '../../domain/migration/migration-types.js';
import { permanent, retryable, type StepCall } from '../provider-port.js';
import type { OpenStackClient } from './openstack-client.js';

export interface GlanceImage {
  id: string;
  status: string;
  disk_format?: string;
  tags?: string[];
}
export interface NovaServer {
  id: string;
  status: string;
  addresses?: Record<string, { addr: string }[]>;
}

const short = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16);
/** Glance and Nova tags are short strings: the key's digest stands for the key. */
export const tagOf = (key: string) => `cumulus-${short(key)}`;
const str = (o: StepOutput | null | undefined, f: string) => (typeof o?.[f] === 'string' ? o[f] : null);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lookups and waits on Nova, Glance and Designate resources that the adapter's steps share. */
export class OpenStackResources {
  constructor(
    private readonly api: OpenStackClient,
    private readonly config: ProvidersConfig['openstack'],
  ) {}

  /** os-stop/os-start are refused (409) when the server is already there: check first. */
  async serverAction(id: string, action: 'os-stop' | 'os-start', wanted: string): Promise<string> {
    const server = await this.server(id);
    if (!server) throw permanent(`server ${id} does not exist`, 'NOT_FOUND');
    if (server.status !== wanted)
      await this.api.request(
        'compute',
        'POST',
        `/servers/${id}/action`,
        { [action]: null },
        { allow: [409] },
      );
    return id;
  }

  async server(id: string): Promise<NovaServer | null> {
    const r = await this.api.request<{ server: NovaServer }>('compute', 'GET', `/servers/${id}`, undefined, {
      allow: [404],
    });
    return r.status === 404 ? null : r.body.server;
  }

  async serversByName(name: string): Promise<NovaServer[]> {
    const r = await this.api.request<{ servers: NovaServer[] }>('compute', 'GET', `/servers?name=^${name}$`);
    return r.body.servers;
  }

  async imageByName(name: string): Promise<GlanceImage | null> {
    const r = await this.api.request<{ images: GlanceImage[] }>(
      'image',
      'GET',
      `/v2/images?name=${encodeURIComponent(name)}`,
    );
    return r.body.images[0] ?? null;
  }

  async imageByTag(tag: string): Promise<GlanceImage | null> {
    const r = await this.api.request<{ images: GlanceImage[] }>(
      'image',
      'GET',
      `/v2/images?tag=${encodeURIComponent(tag)}`,
    );
    return r.body.images[0] ?? null;
  }

  async waitForImage(id: string): Promise<void> {
    const until = Date.now() + this.config.timeoutMs;
    for (;;) {
      const r = await this.api.request<GlanceImage>('image', 'GET', `/v2/images/${id}`);
      if (r.body.status === 'active') return;
      if (['killed', 'deleted', 'deactivated'].includes(r.body.status))
        throw permanent(`image ${id} is ${r.body.status}`, 'IMAGE_FAILED');
      if (Date.now() > until) throw retryable(`image ${id} still ${r.body.status}`, 'NOT_READY');
      await sleep(this.config.pollMs);
    }
  }

  async imageOutput(id: string, call: StepCall): Promise<StepOutput> {
    const r = await this.api.request<GlanceImage>('image', 'GET', `/v2/images/${id}`);
    return {
      imageId: id,
      format: (r.body.disk_format ?? 'qcow2').toUpperCase(),
      sizeGib: call.component.storageGib * call.component.count,
    };
  }

  async deleteImageBy(
    call: StepCall,
    field: string,
    find: (key: string) => Promise<GlanceImage | null>,
  ): Promise<StepOutput> {
    const id = str(call.undoes?.output, field) ?? (await find(call.undoes!.key))?.id ?? null;
    if (id) await this.api.request('image', 'DELETE', `/v2/images/${id}`, undefined, { allow: [404] });
    return { imageId: id };
  }

  zone(): string {
    if (!this.config.dnsZoneId) throw permanent('CUMULUS_OPENSTACK_DNS_ZONE_ID is not set', 'NOT_CONFIGURED');
    return this.config.dnsZoneId;
  }

  recordName(call: StepCall): string {
    return `${call.component.name}.${call.component.workloadId}.${this.config.dnsZone.replace(/\.?$/, '.')}`;
  }

  async recordset(name: string): Promise<{ id: string; records: string[] } | null> {
    const r = await this.api.request<{ recordsets: { id: string; records: string[] }[] }>(
      'dns',
      'GET',
      `/v2/zones/${this.zone()}/recordsets?name=${encodeURIComponent(name)}&type=A`,
    );
    return r.body.recordsets[0] ?? null;
  }

  async setRecord(name: string, address: string, id: string | null): Promise<void> {
    if (id)
      await this.api.request('dns', 'PUT', `/v2/zones/${this.zone()}/recordsets/${id}`, {
        records: [address],
      });
    else
      await this.api.request('dns', 'POST', `/v2/zones/${this.zone()}/recordsets`, {
        name,
        type: 'A',
        ttl: 60,
        records: [address],
      });
  }
}
