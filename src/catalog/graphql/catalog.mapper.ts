import type { CatalogRejectionEntity } from '../entities/catalog-rejection.entity.js';
import type { CatalogVersionEntity } from '../entities/catalog-version.entity.js';
import type { JurisdictionEntity } from '../entities/jurisdiction.entity.js';
import type { ProviderEntity } from '../entities/provider.entity.js';
import type { SlaEntity } from '../entities/reference.entities.js';
import type { ImportSummary } from '../import-summary.js';
import type { OfferRow } from '../offer.repository.js';
import type { PriceChangeSet } from '../catalog-query.service.js';
import type { RegionView } from '../region-directory.service.js';
import type {
  CatalogRejection,
  CatalogVersion,
  ImportResult,
  Jurisdiction,
  Provider,
  Region,
  Sla,
} from './catalog.types.js';
import type { Offer, PriceChanges } from './offer.types.js';

export const toProvider = (p: ProviderEntity): Provider => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  headquartersCountry: p.headquartersCountry,
  adapterId: p.adapterId,
});

export const toRegion = (r: RegionView): Region => ({ ...r });

export const toJurisdiction = (j: JurisdictionEntity): Jurisdiction => ({
  country: j.countryCode,
  name: j.countryName,
  euMember: j.euMember,
  eeaMember: j.eeaMember,
  euAdequacy: j.euAdequacy,
  euAdequacyNote: j.euAdequacyNote,
  regime: j.regime,
  regimeName: j.regimeName,
  note: j.note,
});

export const toSla = (s: SlaEntity): Sla => ({
  provider: s.providerId,
  service: s.service,
  scope: s.scope,
  uptimePct: s.uptimePct,
  creditTiers: s.creditTiers,
  verified: s.verified,
  source: s.source,
});

export const toCatalogVersion = (v: CatalogVersionEntity): CatalogVersion => ({
  id: v.id,
  provider: v.providerId,
  format: v.format,
  scope: v.scope,
  scopeKey: v.scopeKey,
  source: v.source,
  checksum: v.checksum,
  status: v.status,
  records: v.records,
  offers: v.offers,
  instanceTypes: v.instanceTypes,
  rejected: v.rejected,
  rejectedReasons: v.rejectedReasons,
  metadata: v.metadata,
  error: v.error,
  startedAt: v.startedAt,
  finishedAt: v.finishedAt,
  durationMs: v.durationMs,
  activatedAt: v.activatedAt,
  supersededAt: v.supersededAt,
  supersededBy: v.supersededBy,
});

export const toRejection = (r: CatalogRejectionEntity): CatalogRejection => ({
  position: r.position,
  reason: r.reason,
  excerpt: r.excerpt,
});

export const toOffer = (o: OfferRow): Offer => ({ ...o });

export const toImportResult = (s: ImportSummary): ImportResult => ({ ...s });

export const toPriceChanges = (c: PriceChangeSet, first: number): PriceChanges => ({
  fromVersion: c.fromVersion,
  toVersion: c.toVersion,
  added: c.added.slice(0, first).map(toOffer),
  removed: c.removed.slice(0, first).map(toOffer),
  changed: c.changed
    .slice(0, first)
    .map((ch) => ({ ...ch, before: toOffer(ch.before), after: toOffer(ch.after) })),
  addedCount: c.added.length,
  removedCount: c.removed.length,
  changedCount: c.changed.length,
  unchangedCount: c.unchangedCount,
});
