import type { ProvidersConfig } from '../../config/config.js';
import { permanent, ProviderError, retryableStatus } from '../provider-port.js';

type ServiceType = 'compute' | 'image' | 'dns';

interface CatalogEntry {
  type: string;
  endpoints: { interface: string; region_id?: string; region?: string; url: string }[];
}

export interface OpenStackResponse<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/**
 * Keystone v3 password authentication scoped to a project, the service catalog it returns, and
 * JSON requests to Nova, Glance and Designate with the token. Statuses map to the port's
 * errors: 408/429/5xx and network failures are retryable, other 4xx are not.
 */
export class OpenStackClient {
  private token: { value: string; expiresAt: number; catalog: CatalogEntry[] } | null = null;

  constructor(private readonly config: ProvidersConfig['openstack']) {}

  async request<T = Record<string, unknown>>(
    service: ServiceType,
    method: string,
    path: string,
    body?: unknown,
    options: { allow?: readonly number[]; contentType?: string } = {},
  ): Promise<OpenStackResponse<T>> {
    const { value, catalog } = await this.authenticate();
    const url = this.endpoint(catalog, service) + path;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          'x-auth-token': value,
          accept: 'application/json',
          ...(service === 'compute' ? { 'openstack-api-version': 'compute 2.45' } : {}),
          ...(body !== undefined ? { 'content-type': options.contentType ?? 'application/json' } : {}),
        },
        body:
          body === undefined
            ? undefined
            : typeof body === 'string' || body instanceof Buffer
              ? body
              : JSON.stringify(body),
      });
    } catch (error) {
      throw new ProviderError(`openstack ${method} ${path}: ${(error as Error).message}`, true, 'NETWORK');
    }
    const text = await response.text();
    if (!response.ok && !(options.allow ?? []).includes(response.status)) {
      throw new ProviderError(
        `openstack ${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`,
        retryableStatus(response.status),
        `HTTP_${response.status}`,
      );
    }
    const parsed =
      text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as T) : (text as T);
    return { status: response.status, body: parsed, headers: response.headers };
  }

  /** The public URL of a service from the catalog (e.g. an image's data URL for web-download). */
  async serviceUrl(service: ServiceType): Promise<string> {
    return this.endpoint((await this.authenticate()).catalog, service);
  }

  private async authenticate() {
    if (this.token && this.token.expiresAt > Date.now() + 60_000) return this.token;
    const c = this.config;
    if (!c.authUrl || !c.username || !c.password || !c.projectId)
      throw permanent(
        'the openstack adapter needs CUMULUS_OPENSTACK_AUTH_URL, USERNAME, PASSWORD and PROJECT_ID',
        'NOT_CONFIGURED',
      );
    let response: Response;
    try {
      response = await fetch(`${c.authUrl.replace(/\/$/, '')}/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ['password'],
              password: { user: { name: c.username, domain: { name: c.userDomain }, password: c.password } },
            },
            scope: { project: { id: c.projectId } },
          },
        }),
      });
    } catch (error) {
      throw new ProviderError(`keystone: ${(error as Error).message}`, true, 'NETWORK');
    }
    if (response.status !== 201)
      throw new ProviderError(
        `keystone: HTTP ${response.status}`,
        retryableStatus(response.status),
        'AUTH_FAILED',
      );
    const body = (await response.json()) as { token: { expires_at: string; catalog: CatalogEntry[] } };
    this.token = {
      value: response.headers.get('x-subject-token')!,
      expiresAt: Date.parse(body.token.expires_at),
      catalog: body.token.catalog,
    };
    return this.token;
  }

  private endpoint(catalog: CatalogEntry[], type: ServiceType): string {
    const entry = catalog.find((e) => e.type === type);
    const endpoint = entry?.endpoints.find(
      (e) =>
        e.interface === 'public' && (!this.config.region || (e.region_id ?? e.region) === this.config.region),
    );
    if (!endpoint) throw permanent(`no public ${type} endpoint in the service catalog`, 'NOT_CONFIGURED');
    return endpoint.url.replace(/\/$/, '');
  }
}
