import { registerEnumType } from '@nestjs/graphql';

export enum SpendDimensionEnum {
  PROVIDER = 'PROVIDER',
  REGION = 'REGION',
  WORKLOAD = 'WORKLOAD',
  SERVICE_CATEGORY = 'SERVICE_CATEGORY',
  TAG = 'TAG',
}

export enum SpendGranularityEnum {
  DAY = 'DAY',
  MONTH = 'MONTH',
}

export enum CostBasisEnum {
  ESTIMATED = 'ESTIMATED',
  ACTUAL = 'ACTUAL',
}

export enum BudgetAlertBasisEnum {
  ACTUAL = 'ACTUAL',
  FORECAST = 'FORECAST',
}

export enum FocusImportStatusEnum {
  IMPORTED = 'IMPORTED',
  UNCHANGED = 'UNCHANGED',
  REJECTED = 'REJECTED',
}

registerEnumType(SpendDimensionEnum, {
  name: 'SpendDimension',
  description:
    'PROVIDER (ProviderName), REGION (RegionId, else RegionName), WORKLOAD, SERVICE_CATEGORY (FOCUS name), TAG (needs tagKey)',
});
registerEnumType(SpendGranularityEnum, {
  name: 'SpendGranularity',
  description: 'UTC day or month of ChargePeriodStart',
});
registerEnumType(CostBasisEnum, {
  name: 'CostBasis',
  description:
    "ESTIMATED: accrued by Cumulus from deployments × catalog prices; ACTUAL: imported from a provider's FOCUS bill",
});
registerEnumType(BudgetAlertBasisEnum, {
  name: 'BudgetAlertBasis',
  description:
    'ACTUAL: spend to date crossed the threshold; FORECAST: spend to date + forecast to month end will',
});
registerEnumType(FocusImportStatusEnum, {
  name: 'FocusImportStatus',
  description:
    'IMPORTED; UNCHANGED: the same file was imported before (no-op); REJECTED: rows were rejected, nothing imported',
});
