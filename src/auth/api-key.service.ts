import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { InvalidInputError } from '../common/errors.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeyRepository } from './api-key.repository.js';
import { ROLES, type Role } from './role.js';

export interface Principal {
  readonly keyId: string;
  readonly name: string;
  readonly role: Role;
  readonly tenant: string;
}

export interface CreatedApiKey {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly tenant: string;
  /** The secret, shown once; only its SHA-256 is stored. */
  readonly key: string;
}

const KEY_PREFIX = 'cmk_';
/** Verified keys are remembered briefly so a request does not cost a query; revocation takes effect within it. */
const CACHE_MS = 30_000;
const TOUCH_EVERY_MS = 60_000;

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

@Injectable()
export class ApiKeyService {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();
  private readonly touched = new Map<string, number>();

  constructor(private readonly keys: ApiKeyRepository) {}

  async create(
    role: string,
    name: string,
    createdBy: string | null,
    tenant = 'default',
  ): Promise<CreatedApiKey> {
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new InvalidInputError(`role must be one of ${ROLES.join(', ')}, got "${role}"`, 'role');
    }
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(tenant)) {
      throw new InvalidInputError(`tenant must be a lower-case slug, got "${tenant}"`, 'tenant');
    }
    const key = KEY_PREFIX + randomBytes(24).toString('base64url');
    const entity = await this.keys.insert({
      id: randomUUID(),
      name: name.trim() || `${role} key`,
      role: role as Role,
      keyPrefix: key.slice(0, KEY_PREFIX.length + 6),
      keyHash: hashKey(key),
      createdBy,
      tenant,
    });
    return { id: entity.id, name: entity.name, role: entity.role, tenant: entity.tenant, key };
  }

  /** The principal for a bearer key, or null when the key is unknown or revoked. */
  async verify(key: string, now = Date.now()): Promise<Principal | null> {
    if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
    const hash = hashKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.principal;
    const entity = await this.keys.findActiveByHash(hash);
    const principal = entity ? toPrincipal(entity) : null;
    this.cache.set(hash, { principal, until: now + CACHE_MS });
    if (principal && (this.touched.get(principal.keyId) ?? 0) + TOUCH_EVERY_MS < now) {
      this.touched.set(principal.keyId, now);
      await this.keys.touch(principal.keyId, new Date(now));
    }
    return principal;
  }

  async hasAnyKey(): Promise<boolean> {
    return (await this.keys.countActive()) > 0;
  }

  async list(): Promise<ApiKeyEntity[]> {
    return this.keys.list();
  }

  async revoke(id: string): Promise<boolean> {
    const revoked = await this.keys.revoke(id, new Date());
    this.cache.clear();
    return revoked;
  }
}

function toPrincipal(entity: ApiKeyEntity): Principal {
  return { keyId: entity.id, name: entity.name, role: entity.role, tenant: entity.tenant };
}
