import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InvalidInputError } from '../common/errors.js';
import type {
  OperatingSystem,
  PurchaseOption,
  ResourceKind,
  ServiceCategory,
  Unit,
} from '../domain/catalog/catalog-enums.js';

export interface OfferQuery {
  version?: string;
  provider?: string;
  region?: string;
  instanceType?: string;
  sku?: string;
  purchaseOption?: string;
  os?: string;
  /** (provider, region) pairs allowed by a country or regime filter, resolved by the caller. */
  regionKeys?: readonly string[];
  minVcpu?: number;
  minMemoryGib?: number;
  gpuModel?: string;
  minGpus?: number;
  arch?: string;
  maxPriceUsd?: string;
  serviceCategory?: string;
  resourceKind?: string;
}

export type OfferSort = 'PRICE_ASC' | 'PRICE_DESC' | 'VCPU_ASC' | 'MEMORY_ASC';

export interface OfferRow {
  id: string;
  catalogVersionId: string;
  provider: string;
  region: string | null;
  service: string;
  serviceCategory: ServiceCategory;
  resourceKind: ResourceKind;
  sku: string;
  instanceType: string | null;
  vcpu: number | null;
  memoryGib: number | null;
  gpuModel: string | null;
  gpuCount: number | null;
  arch: string | null;
  os: OperatingSystem | null;
  purchaseOption: PurchaseOption;
  unit: Unit;
  unitRaw: string | null;
  price: string;
  currency: string;
  priceUsd: string | null;
  tierStart: string | null;
  tierEnd: string | null;
  termCode: string | null;
  effectiveDate: string | null;
  description: string | null;
  attributes: Record<string, unknown> | null;
}

export interface OfferPage {
  rows: OfferRow[];
  cursors: string[];
  hasNextPage: boolean;
}

const SORTS: Record<OfferSort, { expr: string; desc: boolean }> = {
  PRICE_ASC: { expr: `COALESCE(o.price_usd, 'Infinity'::numeric)`, desc: false },
  PRICE_DESC: { expr: `COALESCE(o.price_usd, '-Infinity'::numeric)`, desc: true },
  VCPU_ASC: { expr: `COALESCE(it.vcpu, 'Infinity'::numeric)`, desc: false },
  MEMORY_ASC: { expr: `COALESCE(it.memory_gib, 'Infinity'::numeric)`, desc: false },
};

const SELECT = `
  SELECT o.id::text AS id, o.catalog_version_id::text AS "catalogVersionId", o.provider_id AS provider,
    o.region_code AS region, o.service, o.service_category AS "serviceCategory", o.resource_kind AS "resourceKind",
    o.sku, o.instance_type AS "instanceType", it.vcpu::float8 AS vcpu, it.memory_gib::float8 AS "memoryGib",
    it.gpu_model AS "gpuModel", it.gpu_count::float8 AS "gpuCount", it.arch, o.os, o.purchase_option AS "purchaseOption",
    o.unit, o.unit_raw AS "unitRaw", o.price::text AS price, o.currency, o.price_usd::text AS "priceUsd",
    o.tier_start::text AS "tierStart", o.tier_end::text AS "tierEnd", o.term_code AS "termCode",
    o.effective_date::text AS "effectiveDate", o.description, o.attributes`;

const FROM = `
  FROM offers o
  LEFT JOIN instance_types it ON it.provider_id = o.provider_id AND it.name = o.instance_type`;

/** Offer reads for the API and CLI; specs are joined by instance-type name at read time. */
@Injectable()
export class OfferRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findOffers(
    query: OfferQuery,
    page: { first: number; after?: string | null; sort: OfferSort },
  ): Promise<OfferPage> {
    const { where, params } = whereClause(query);
    const sort = SORTS[page.sort];
    if (page.after) {
      const [key, id] = decodeCursor(page.after);
      params.push(key, id);
      const k = `$${params.length - 1}::numeric`;
      const i = `$${params.length}::bigint`;
      where.push(
        sort.desc
          ? `(${sort.expr} < ${k} OR (${sort.expr} = ${k} AND o.id > ${i}))`
          : `(${sort.expr}, o.id) > (${k}, ${i})`,
      );
    }
    params.push(page.first + 1);
    const rows: (OfferRow & { sortKey: string })[] = await this.dataSource.query(
      `${SELECT}, ${sort.expr}::text AS "sortKey" ${FROM}
       WHERE ${where.join(' AND ')}
       ORDER BY ${sort.expr} ${sort.desc ? 'DESC' : 'ASC'}, o.id ASC
       LIMIT $${params.length}`,
      params,
    );
    const hasNextPage = rows.length > page.first;
    const pageRows = rows.slice(0, page.first);
    return {
      rows: pageRows.map(({ sortKey: _sortKey, ...row }) => row),
      cursors: pageRows.map((r) => encodeCursor(r.sortKey, r.id)),
      hasNextPage,
    };
  }

  async countOffers(query: OfferQuery): Promise<number> {
    const { where, params } = whereClause(query);
    const rows: { n: string }[] = await this.dataSource.query(
      `SELECT count(*)::text AS n ${FROM} WHERE ${where.join(' AND ')}`,
      params,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Offers by id (any version), with their specs. */
  async findByIds(ids: readonly string[]): Promise<OfferRow[]> {
    const valid = ids.filter((id) => /^\d+$/.test(id));
    if (valid.length === 0) return [];
    return this.dataSource.query(`${SELECT} ${FROM} WHERE o.id = ANY($1::bigint[]) ORDER BY o.id`, [valid]);
  }

  /** Every offer of one version, for comparing two versions (price history). */
  async findVersionOffers(versionId: string): Promise<OfferRow[]> {
    return this.dataSource.query(`${SELECT} ${FROM} WHERE o.catalog_version_id = $1 ORDER BY o.id`, [
      versionId,
    ]);
  }
}

function whereClause(query: OfferQuery): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (query.version) add('o.catalog_version_id = ?::bigint', query.version);
  else where.push(`o.catalog_version_id IN (SELECT id FROM catalog_versions WHERE status = 'ACTIVE')`);
  if (query.provider) add('o.provider_id = ?', query.provider);
  if (query.region) add('o.region_code = ?', query.region);
  if (query.instanceType) add('o.instance_type = ?', query.instanceType);
  if (query.sku) add('o.sku = ?', query.sku);
  if (query.purchaseOption) add('o.purchase_option = ?', query.purchaseOption);
  if (query.os) add('o.os = ?', query.os);
  if (query.serviceCategory) add('o.service_category = ?', query.serviceCategory);
  if (query.resourceKind) add('o.resource_kind = ?', query.resourceKind);
  if (query.regionKeys) add(`(o.provider_id || '/' || o.region_code) = ANY(?::text[])`, query.regionKeys);
  if (query.minVcpu !== undefined) add('it.vcpu >= ?', query.minVcpu);
  if (query.minMemoryGib !== undefined) add('it.memory_gib >= ?', query.minMemoryGib);
  if (query.gpuModel) add('lower(it.gpu_model) = lower(?)', query.gpuModel);
  if (query.minGpus !== undefined) add('it.gpu_count >= ?', query.minGpus);
  if (query.arch) add('it.arch = ?', query.arch);
  if (query.maxPriceUsd) add('o.price_usd <= ?::numeric', query.maxPriceUsd);
  return { where, params };
}

export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      /^(-?Infinity|-?\d+(\.\d+)?)$/.test(value[0]) &&
      typeof value[1] === 'string' &&
      /^\d+$/.test(value[1])
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  throw new InvalidInputError('not a cursor returned by this query', 'after');
}
