import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Image {
  id: string;
  name: string;
  status: string;
  disk_format: string;
  tags: string[];
}
interface Server {
  id: string;
  name: string;
  status: string;
  ip: string;
}

/**
 * A local endpoint that answers as Keystone v3 (POST /v3/auth/tokens, X-Subject-Token and a
 * service catalog), Nova v2.1, Glance v2 and Designate v2 do, for the calls the OpenStack
 * adapter makes. `effects` counts changes of state.
 */
export class FakeOpenStack {
  effects = 0;
  private failure: number | null = null;
  readonly images = new Map<string, Image>();
  readonly servers = new Map<string, Server>();
  readonly groups = new Map<string, string>();
  readonly recordsets = new Map<string, { name: string; records: string[] }>();
  private server!: http.Server;
  private ips = 10;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const reply = this.route(req.method!, req.url!, body);
        res.writeHead(reply.status, {
          ...(reply.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(reply.headers ?? {}),
        });
        res.end(reply.body !== undefined ? JSON.stringify(reply.body) : undefined);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  failNext(kind: 'retryable' | 'permanent'): void {
    this.failure = kind === 'retryable' ? 503 : 403;
  }

  addServer(id: string, ip: string): void {
    this.servers.set(id, { id, name: 'source', status: 'ACTIVE', ip });
  }

  private route(method: string, rawUrl: string, body: string): Reply {
    const url = new URL(rawUrl, this.url);
    const path = url.pathname;
    if (path === '/identity/v3/auth/tokens') return this.token();
    if (this.failure) {
      const status = this.failure;
      this.failure = null;
      return { status, body: { error: { code: status, message: 'injected' } } };
    }
    const json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    if (path.startsWith('/compute/v2.1'))
      return this.nova(method, path.slice('/compute/v2.1'.length), url, json);
    if (path.startsWith('/image/v2/images'))
      return this.glance(method, path.slice('/image/v2/images'.length), url, json);
    if (path.startsWith('/dns/v2/zones/')) return this.designate(method, path.split('/').slice(5), url, json);
    return { status: 404, body: { error: 'not found' } };
  }

  private token(): Reply {
    const endpoint = (type: string, suffix: string) => ({
      type,
      endpoints: [{ interface: 'public', region_id: 'RegionOne', url: `${this.url}${suffix}` }],
    });
    return {
      status: 201,
      headers: { 'x-subject-token': 'gAAAAA-test-token' },
      body: {
        token: {
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          catalog: [
            endpoint('compute', '/compute/v2.1'),
            endpoint('image', '/image'),
            endpoint('dns', '/dns'),
          ],
        },
      },
    };
  }

  private nova(method: string, path: string, url: URL, json: Record<string, unknown>): Reply {
    const parts = path.split('/').filter(Boolean);
    if (parts[0] === 'limits')
      return {
        status: 200,
        body: {
          limits: {
            absolute: {
              maxTotalCores: 200,
              totalCoresUsed: 24,
              maxTotalRAMSize: 512000,
              totalRAMUsed: 98304,
            },
          },
        },
      };
    if (parts[0] === 'os-server-groups') {
      if (method === 'GET')
        return { status: 200, body: { server_groups: [...this.groups].map(([id, name]) => ({ id, name })) } };
      if (method === 'POST') {
        const id = randomUUID();
        this.groups.set(id, (json.server_group as { name: string }).name);
        this.effects++;
        return {
          status: 200,
          body: { server_group: { id, name: this.groups.get(id), policies: ['soft-anti-affinity'] } },
        };
      }
      if (!this.groups.delete(parts[1])) return { status: 404, body: { itemNotFound: { code: 404 } } };
      this.effects++;
      return { status: 204 };
    }
    if (parts[0] !== 'servers') return { status: 404, body: {} };
    if (parts.length === 1 && method === 'GET') {
      const name = (url.searchParams.get('name') ?? '').replace(/^\^|\$$/g, '');
      return {
        status: 200,
        body: {
          servers: [...this.servers.values()]
            .filter((s) => s.name === name)
            .map((s) => ({ id: s.id, name: s.name })),
        },
      };
    }
    if (parts.length === 1 && method === 'POST') {
      const spec = json.server as { name: string; min_count: number };
      for (let i = 0; i < spec.min_count; i++) {
        const id = randomUUID();
        this.servers.set(id, { id, name: spec.name, status: 'ACTIVE', ip: `192.168.0.${this.ips++}` });
      }
      this.effects++;
      return { status: 202, body: { server: { id: [...this.servers.values()].at(-1)!.id } } };
    }
    const server = this.servers.get(parts[1]);
    if (!server)
      return { status: 404, body: { itemNotFound: { code: 404, message: 'Instance could not be found' } } };
    if (method === 'GET')
      return {
        status: 200,
        body: {
          server: {
            id: server.id,
            status: server.status,
            addresses: { private: [{ addr: server.ip, version: 4 }] },
          },
        },
      };
    if (method === 'DELETE') {
      this.servers.delete(server.id);
      this.effects++;
      return { status: 204 };
    }
    if ('os-stop' in json || 'os-start' in json) {
      const to = 'os-stop' in json ? 'SHUTOFF' : 'ACTIVE';
      if (server.status === to) return { status: 409, body: { conflictingRequest: { code: 409 } } };
      server.status = to;
      this.effects++;
      return { status: 202 };
    }
    const create = json.createImage as { name: string };
    const id = randomUUID();
    this.images.set(id, { id, name: create.name, status: 'active', disk_format: 'qcow2', tags: [] });
    this.effects++;
    return { status: 202, body: { image_id: id } };
  }

  private glance(method: string, path: string, url: URL, json: Record<string, unknown>): Reply {
    const parts = path.split('/').filter(Boolean);
    if (parts.length === 0 && method === 'GET') {
      const name = url.searchParams.get('name');
      const tag = url.searchParams.get('tag');
      const images = [...this.images.values()].filter(
        (i) => (name === null || i.name === name) && (tag === null || i.tags.includes(tag)),
      );
      return { status: 200, body: { images } };
    }
    if (parts.length === 0 && method === 'POST') {
      const id = randomUUID();
      const image = {
        id,
        name: json.name as string,
        status: 'queued',
        disk_format: json.disk_format as string,
        tags: (json.tags as string[]) ?? [],
      };
      this.images.set(id, image);
      this.effects++;
      return { status: 201, body: image };
    }
    const image = this.images.get(parts[0]);
    if (!image) return { status: 404, body: { message: 'not found' } };
    if (parts.length === 1 && method === 'GET') {
      if (image.status === 'importing') image.status = 'active';
      return { status: 200, body: image };
    }
    if (parts.length === 1 && method === 'DELETE') {
      this.images.delete(image.id);
      this.effects++;
      return { status: 204 };
    }
    if (parts[1] === 'file') {
      image.status = 'active';
      this.effects++;
      return { status: 204 };
    }
    if (parts[1] === 'import') {
      image.status = 'importing';
      this.effects++;
      return { status: 202 };
    }
    if (parts[1] === 'tags') {
      if (!image.tags.includes(parts[2])) {
        image.tags.push(parts[2]);
        this.effects++;
      }
      return { status: 204 };
    }
    return { status: 404, body: {} };
  }

  private designate(method: string, parts: string[], url: URL, json: Record<string, unknown>): Reply {
    const id = parts[1];
    if (method === 'GET') {
      const name = url.searchParams.get('name');
      const recordsets = [...this.recordsets]
        .filter(([, r]) => r.name === name)
        .map(([rid, r]) => ({ id: rid, ...r, type: 'A' }));
      return { status: 200, body: { recordsets } };
    }
    if (method === 'POST') {
      const rid = randomUUID();
      this.recordsets.set(rid, { name: json.name as string, records: json.records as string[] });
      this.effects++;
      return { status: 202, body: { id: rid, ...this.recordsets.get(rid) } };
    }
    const set = this.recordsets.get(id);
    if (!set) return { status: 404, body: {} };
    if (method === 'DELETE') {
      this.recordsets.delete(id);
      this.effects++;
      return { status: 202, body: {} };
    }
    const records = json.records as string[];
    if (JSON.stringify(records) !== JSON.stringify(set.records)) {
      set.records = records;
      this.effects++;
    }
    return { status: 202, body: { id, ...set } };
  }
}
