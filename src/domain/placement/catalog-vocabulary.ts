export type { Arch, OperatingSystem, ProviderKind, PurchaseOption } from '../catalog/catalog-enums.js';
