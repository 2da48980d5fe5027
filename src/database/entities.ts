import { ApiKeyEntity } from '../auth/api-key.entity.js';
import { CatalogRejectionEntity } from '../catalog/entities/catalog-rejection.entity.js';
import { CatalogVersionEntity } from '../catalog/entities/catalog-version.entity.js';
import { InstanceTypeEntity } from '../catalog/entities/instance-type.entity.js';
import { JurisdictionEntity } from '../catalog/entities/jurisdiction.entity.js';
import { OfferEntity } from '../catalog/entities/offer.entity.js';
import { ProviderEntity } from '../catalog/entities/provider.entity.js';
import {
  EgressPriceEntity,
  FxRateEntity,
  LatencyMeasurementEntity,
  SlaEntity,
  ThroughputMeasurementEntity,
} from '../catalog/entities/reference.entities.js';
import { RegionAliasEntity, RegionEntity } from '../catalog/entities/region.entity.js';
import { WorkloadEntity } from '../workloads/workload.entity.js';
import { DeploymentEntity } from '../deployments/deployment.entity.js';
import { MigrationEntity, MigrationTransitionEntity } from '../migration/migration.entity.js';
import { BudgetAlertEntity, BudgetEntity } from '../finance/entities/budget.entities.js';
import { AccrualDayEntity, FocusImportEntity } from '../finance/entities/ledger.entities.js';
import { OverspillBurstEntity } from '../overspill/entities/overspill-burst.entity.js';
import { OverspillDecisionEntity } from '../overspill/entities/overspill-decision.entity.js';
import {
  OverspillHistoryEntity,
  OverspillPolicyEntity,
} from '../overspill/entities/overspill-policy.entity.js';

/** Every entity, listed explicitly (no globs: the same list works from dist/ and under jest). */
export const ENTITIES = [
  ApiKeyEntity,
  ProviderEntity,
  JurisdictionEntity,
  RegionEntity,
  RegionAliasEntity,
  InstanceTypeEntity,
  CatalogVersionEntity,
  OfferEntity,
  CatalogRejectionEntity,
  SlaEntity,
  LatencyMeasurementEntity,
  ThroughputMeasurementEntity,
  EgressPriceEntity,
  FxRateEntity,
  WorkloadEntity,
  DeploymentEntity,
  MigrationEntity,
  MigrationTransitionEntity,
  BudgetEntity,
  BudgetAlertEntity,
  FocusImportEntity,
  AccrualDayEntity,
  OverspillPolicyEntity,
  OverspillHistoryEntity,
  OverspillDecisionEntity,
  OverspillBurstEntity,
];
