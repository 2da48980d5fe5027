// The catalog's enums live in src/domain/catalog; the lint pattern '*/catalog/*' (meant for the
// src/catalog module) also matches this domain-to-domain import, hence the one exception here.
// eslint-disable-next-line no-restricted-imports
export type { Arch, OperatingSystem, ProviderKind, PurchaseOption } from '../catalog/catalog-enums.js';
