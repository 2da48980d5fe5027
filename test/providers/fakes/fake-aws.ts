import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local endpoint that answers as EC2 (query protocol, XML), S3 (path-style REST) and Route 53
 * (REST-XML) do, for the operations the AWS adapter uses. Shapes follow the API references:
 * EC2 `<XResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` with `item` lists and
 * `<Response><Errors><Error><Code>` errors; Route 53 `ChangeInfo` and `ResourceRecordSets`.
 * `effects` counts changes of state, so a replay that changes nothing is visible as such.
 */
interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export class FakeAws {
  effects = 0;
  readonly requests: string[] = [];
  private failure: { status: number; code: string } | null = null;
  private seq = 0;
  readonly groups = new Map<string, { name: string; key: string | null }>();
  readonly instances = new Map<
    string,
    { state: string; imageId: string; ip: string; token: string | null; tags: Record<string, string> }
  >();
  readonly images = new Map<string, { name: string; state: string; key: string | null }>();
  readonly importTasks = new Map<
    string,
    { token: string; imageId: string | null; status: string; polls: number; key: string | null }
  >();
  readonly exportTasks = new Map<string, { token: string; status: string; polls: number }>();
  readonly objects = new Map<string, { body: string; metadata: Record<string, string> }>();
  readonly records = new Map<string, string>();
  private server!: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const reply = this.route(req.method!, req.url!, body, req.headers);
        res.writeHead(reply.status, { 'content-type': 'text/xml', ...(reply.headers ?? {}) });
        res.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next request fails as AWS does: 503 RequestLimitExceeded (retryable) or a 400 code. */
  failNext(kind: 'retryable' | 'permanent'): void {
    this.failure =
      kind === 'retryable'
        ? { status: 503, code: 'RequestLimitExceeded' }
        : { status: 400, code: 'UnauthorizedOperation' };
  }

  addInstance(id: string, ip: string, tags: Record<string, string> = {}): void {
    this.instances.set(id, { state: 'running', imageId: 'ami-source', ip, token: null, tags });
  }

  private id(prefix: string): string {
    return `${prefix}-${(++this.seq).toString(16).padStart(8, '0')}`;
  }

  private route(method: string, url: string, body: string, headers: http.IncomingHttpHeaders): Reply {
    this.requests.push(`${method} ${url.split('?')[0]}`);
    if (this.failure) {
      const { status, code } = this.failure;
      this.failure = null;
      return {
        status,
        body: `<Response><Errors><Error><Code>${code}</Code><Message>injected</Message></Error></Errors><RequestID>r</RequestID></Response>`,
      };
    }
    if (url.startsWith('/2013-04-01/')) return this.route53(method, url, body);
    if (method === 'POST' && (url === '/' || url.startsWith('/?')))
      return this.ec2(new URLSearchParams(body));
    return this.s3(method, decodeURIComponent(url.split('?')[0]), body, headers);
  }

  private ec2(p: URLSearchParams): Reply {
    const action = p.get('Action')!;
    const xml = (inner: string) => ({
      status: 200,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-${this.seq}</requestId>${inner}</${action}Response>`,
    });
    const error = (code: string, status = 400) => ({
      status,
      body: `<Response><Errors><Error><Code>${code}</Code><Message>${code}</Message></Error></Errors><RequestID>r</RequestID></Response>`,
    });
    const listed = (prefix: string) =>
      [...p.entries()].filter(([k]) => new RegExp(`^${prefix}\\.\\d+$`).test(k)).map(([, v]) => v);
    const keyTag = [...p.entries()].find(
      ([k, v]) => /^TagSpecification\.1\.Tag\.\d+\.Key$/.test(k) && v === 'cumulus:key',
    );
    const tagValue = keyTag ? p.get(keyTag[0].replace('.Key', '.Value')) : null;
    const filterKey = p.get('Filter.1.Name') === 'tag:cumulus:key' ? p.get('Filter.1.Value.1') : null;
    const items = (tag: string, rows: string[]) =>
      `<${tag}>${rows.map((r) => `<item>${r}</item>`).join('')}</${tag}>`;
    const stateItem = (id: string, from: string, to: string) =>
      `<instanceId>${id}</instanceId><currentState><code>0</code><name>${to}</name></currentState><previousState><code>0</code><name>${from}</name></previousState>`;
    switch (action) {
      case 'DescribeSecurityGroups': {
        const found = [...this.groups].filter(([, g]) => g.key === filterKey);
        return xml(
          items(
            'securityGroupInfo',
            found.map(([id, g]) => `<groupId>${id}</groupId><groupName>${g.name}</groupName>`),
          ),
        );
      }
      case 'CreateSecurityGroup': {
        const id = this.id('sg');
        this.groups.set(id, { name: p.get('GroupName')!, key: tagValue });
        this.effects++;
        return xml(`<return>true</return><groupId>${id}</groupId>`);
      }
      case 'DeleteSecurityGroup':
        if (!this.groups.delete(p.get('GroupId')!)) return error('InvalidGroup.NotFound');
        this.effects++;
        return xml('<return>true</return>');
      case 'DescribeInstances': {
        const component =
          p.get('Filter.1.Name') === 'tag:cumulus:component' ? p.get('Filter.1.Value.1') : null;
        const found = [...this.instances].filter(
          ([, i]) => i.tags['cumulus:component'] === component && i.state !== 'terminated',
        );
        return xml(
          items(
            'reservationSet',
            found.map(
              ([id]) =>
                `<reservationId>r-1</reservationId>${items('instancesSet', [`<instanceId>${id}</instanceId>`])}`,
            ),
          ),
        );
      }
      case 'StopInstances':
      case 'StartInstances':
      case 'TerminateInstances': {
        const to = { StopInstances: 'stopped', StartInstances: 'running', TerminateInstances: 'terminated' }[
          action
        ];
        const rows = listed('InstanceId').map((id) => {
          const i = this.instances.get(id);
          if (!i) return '';
          const from = i.state;
          if (from !== to && from !== 'terminated') {
            i.state = to;
            this.effects++;
          }
          return stateItem(id, from, i.state);
        });
        if (rows.includes('')) return error('InvalidInstanceID.NotFound');
        return xml(items('instancesSet', rows));
      }
      case 'DescribeImages': {
        const name = p.get('Filter.1.Value.1');
        const found = [...this.images].filter(([, i]) => i.name === name && i.state !== 'deregistered');
        return xml(
          items(
            'imagesSet',
            found.map(
              ([id, i]) =>
                `<imageId>${id}</imageId><name>${i.name}</name><imageState>${i.state}</imageState>`,
            ),
          ),
        );
      }
      case 'CreateImage': {
        if ([...this.images.values()].some((i) => i.name === p.get('Name') && i.state !== 'deregistered'))
          return error('InvalidAMIName.Duplicate');
        const id = this.id('ami');
        this.images.set(id, { name: p.get('Name')!, state: 'available', key: tagValue });
        this.effects++;
        return xml(`<imageId>${id}</imageId>`);
      }
      case 'DeregisterImage': {
        const image = this.images.get(p.get('ImageId')!);
        if (!image || image.state === 'deregistered') return error('InvalidAMIID.Unavailable');
        image.state = 'deregistered';
        this.effects++;
        return xml('<return>true</return>');
      }
      case 'ExportImage': {
        const token = p.get('ClientToken')!;
        let id = [...this.exportTasks].find(([, t]) => t.token === token)?.[0];
        if (!id) {
          id = this.id('export-ami');
          this.exportTasks.set(id, { token, status: 'active', polls: 0 });
          this.objects.set(
            `${p.get('S3ExportLocation.S3Bucket')}/${p.get('S3ExportLocation.S3Prefix')}${id}.${p.get('DiskImageFormat')!.toLowerCase()}`,
            { body: 'disk', metadata: {} },
          );
          this.effects++;
        }
        return xml(
          `<exportImageTaskId>${id}</exportImageTaskId><status>active</status><diskImageFormat>${p.get('DiskImageFormat')}</diskImageFormat>`,
        );
      }
      case 'DescribeExportImageTasks': {
        const id = p.get('ExportImageTaskId.1')!;
        const task = this.exportTasks.get(id)!;
        task.status = ++task.polls >= 2 ? 'completed' : 'active';
        return xml(
          items('exportImageTaskSet', [
            `<exportImageTaskId>${id}</exportImageTaskId><status>${task.status}</status>`,
          ]),
        );
      }
      case 'ImportImage': {
        if (!['vmdk', 'vhd', 'raw', 'ova'].includes(p.get('DiskContainer.1.Format') ?? ''))
          return error('InvalidParameter');
        if (
          !this.objects.has(
            `${p.get('DiskContainer.1.UserBucket.S3Bucket')}/${p.get('DiskContainer.1.UserBucket.S3Key')}`,
          )
        )
          return error('InvalidParameter');
        const token = p.get('ClientToken')!;
        let id = [...this.importTasks].find(([, t]) => t.token === token)?.[0];
        if (!id) {
          id = this.id('import-ami');
          this.importTasks.set(id, { token, imageId: null, status: 'active', polls: 0, key: tagValue });
          this.effects++;
        }
        return xml(`<importTaskId>${id}</importTaskId><status>active</status>`);
      }
      case 'DescribeImportImageTasks': {
        const ids = listed('ImportTaskId');
        const found =
          ids.length > 0
            ? ids.map((id) => [id, this.importTasks.get(id)!] as const)
            : [...this.importTasks].filter(([, t]) => t.key === filterKey);
        const rows = found.map(([id, task]) => {
          if (ids.length > 0 && task.status === 'active' && ++task.polls >= 2) {
            task.status = 'completed';
            task.imageId = this.id('ami');
            this.images.set(task.imageId, { name: `import-${id}`, state: 'available', key: null });
          }
          return `<importTaskId>${id}</importTaskId><status>${task.status}</status>${task.imageId ? `<imageId>${task.imageId}</imageId>` : ''}`;
        });
        return xml(items('importImageTaskSet', rows));
      }
      case 'RunInstances': {
        const token = p.get('ClientToken')!;
        let found = [...this.instances].filter(([, i]) => i.token === token);
        if (found.length === 0) {
          const count = Number(p.get('MinCount'));
          for (let n = 0; n < count; n++) {
            const id = this.id('i');
            this.instances.set(id, {
              state: 'running',
              imageId: p.get('ImageId')!,
              ip: `10.0.${this.seq % 250}.${n + 10}`,
              token,
              tags: { 'cumulus:key': tagValue ?? '' },
            });
          }
          this.effects++;
          found = [...this.instances].filter(([, i]) => i.token === token);
        }
        return xml(
          `<reservationId>r-1</reservationId><ownerId>123456789012</ownerId>${items(
            'instancesSet',
            found.map(
              ([id, i]) =>
                `<instanceId>${id}</instanceId><imageId>${i.imageId}</imageId><privateIpAddress>${i.ip}</privateIpAddress><instanceState><code>0</code><name>pending</name></instanceState>`,
            ),
          )}`,
        );
      }
      case 'DescribeInstanceStatus': {
        const rows = listed('InstanceId').map((id) => {
          const state = this.instances.get(id)?.state ?? 'terminated';
          return `<instanceId>${id}</instanceId><instanceState><code>16</code><name>${state}</name></instanceState><instanceStatus><status>ok</status></instanceStatus><systemStatus><status>ok</status></systemStatus>`;
        });
        return xml(items('instanceStatusSet', rows));
      }
      default:
        return error('InvalidAction');
    }
  }

  private s3(method: string, path: string, body: string, headers: http.IncomingHttpHeaders): Reply {
    const key = path.slice(1);
    if (method === 'PUT') {
      const metadata = Object.fromEntries(
        Object.entries(headers)
          .filter(([k]) => k.startsWith('x-amz-meta-'))
          .map(([k, v]) => [k.slice(11), String(v)]),
      );
      this.objects.set(key, { body, metadata });
      this.effects++;
      return { status: 200, body: '', headers: { etag: '"e"' } };
    }
    const object = this.objects.get(key);
    if (method === 'HEAD') {
      if (!object) return { status: 404, body: '' };
      return {
        status: 200,
        body: '',
        headers: Object.fromEntries(Object.entries(object.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v])),
      };
    }
    if (method === 'DELETE') {
      if (this.objects.delete(key)) this.effects++;
      return { status: 204, body: '' };
    }
    return { status: 405, body: '' };
  }

  private route53(method: string, url: string, body: string): Reply {
    const ns = 'xmlns="https://route53.amazonaws.com/doc/2013-04-01/"';
    if (method === 'POST') {
      const name = /<Name>([^<]+)<\/Name>/.exec(body)![1];
      const value = /<Value>([^<]+)<\/Value>/.exec(body)![1];
      if (this.records.get(name) !== value) {
        this.records.set(name, value);
        this.effects++;
      }
      return {
        status: 200,
        body: `<?xml version="1.0"?>\n<ChangeResourceRecordSetsResponse ${ns}><ChangeInfo><Id>/change/C${++this.seq}</Id><Status>PENDING</Status><SubmittedAt>2026-11-27T00:00:00.000Z</SubmittedAt></ChangeInfo></ChangeResourceRecordSetsResponse>`,
      };
    }
    const name = new URL(url, 'http://x').searchParams.get('name') ?? '';
    const value = this.records.get(name);
    const sets = value
      ? `<ResourceRecordSet><Name>${name}</Name><Type>A</Type><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>${value}</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>`
      : '';
    return {
      status: 200,
      body: `<?xml version="1.0"?>\n<ListResourceRecordSetsResponse ${ns}><ResourceRecordSets>${sets}</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>1</MaxItems></ListResourceRecordSetsResponse>`,
    };
  }
}
