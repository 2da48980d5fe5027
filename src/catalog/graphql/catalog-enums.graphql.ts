import { registerEnumType } from '@nestjs/graphql';
import {
  ARCHITECTURES,
  CATALOG_VERSION_STATUSES,
  OPERATING_SYSTEMS,
  PROVIDER_KINDS,
  PURCHASE_OPTIONS,
  RESOURCE_KINDS,
  SERVICE_CATEGORIES,
  UNITS,
} from '../../domain/catalog/catalog-enums.js';

/** GraphQL enums generated from the domain's lists, so the two cannot drift apart. */
function enumOf<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
}

export const ProviderKindEnum = enumOf(PROVIDER_KINDS);
export const PurchaseOptionEnum = enumOf(PURCHASE_OPTIONS);
export const OperatingSystemEnum = enumOf(OPERATING_SYSTEMS);
export const UnitEnum = enumOf(UNITS);
export const ServiceCategoryEnum = enumOf(SERVICE_CATEGORIES);
export const ResourceKindEnum = enumOf(RESOURCE_KINDS);
export const CatalogVersionStatusEnum = enumOf(CATALOG_VERSION_STATUSES);
// GraphQL enum values cannot start with a digit or contain '-': arch stays a String.
export const ArchValues = ARCHITECTURES;

export enum OfferOrder {
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  VCPU_ASC = 'VCPU_ASC',
  MEMORY_ASC = 'MEMORY_ASC',
}

registerEnumType(ProviderKindEnum, { name: 'ProviderKind' });
registerEnumType(PurchaseOptionEnum, { name: 'PurchaseOption' });
registerEnumType(OperatingSystemEnum, { name: 'OperatingSystem' });
registerEnumType(UnitEnum, {
  name: 'PriceUnit',
  description:
    'HOUR per instance-hour; GIB_HOUR per GiB-hour; GB_MONTH per GB-month; GB per GB; ONE_TIME a single charge (upfront fee, whole reservation term)',
});
registerEnumType(ServiceCategoryEnum, { name: 'ServiceCategory', description: 'FOCUS 1.2 ServiceCategory' });
registerEnumType(ResourceKindEnum, { name: 'ResourceKind' });
registerEnumType(CatalogVersionStatusEnum, { name: 'CatalogVersionStatus' });
registerEnumType(OfferOrder, { name: 'OfferOrder' });
