import { Module } from '@nestjs/common';
import { PlacementModule } from '../placement/placement.module.js';
import { WorkloadsModule } from '../workloads/workloads.module.js';
import { AccrualScheduler } from './accrual.scheduler.js';
import { AccrualService } from './accrual.service.js';
import { BudgetRepository } from './budget.repository.js';
import { BudgetService } from './budget.service.js';
import { DeploymentCostingRepository } from './deployment-costing.repository.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { MigrationModule } from '../migration/migration.module.js';
import { FocusExportService } from './focus-export.service.js';
import { FocusImportService } from './focus-import.service.js';
import { ForecastService } from './forecast.service.js';
import { BudgetResolver } from './graphql/budget.resolver.js';
import { ForecastResolver } from './graphql/forecast.resolver.js';
import { LedgerResolver } from './graphql/ledger.resolver.js';
import { SpendResolver } from './graphql/spend.resolver.js';
import { CostLedgerRepository } from './ledger/cost-ledger.repository.js';
import { FocusExportRepository } from './ledger/focus-export.repository.js';
import { FocusImportRepository } from './ledger/focus-import.repository.js';
import { LedgerPartitionRepository } from './ledger/ledger-partition.repository.js';
import { SpendRepository } from './ledger/spend.repository.js';
import { SavingsService } from './savings.service.js';
import { SpendService } from './spend.service.js';

/** Ledger and accrual, spend, forecast, savings, budgets, FOCUS in and out. */
@Module({
  imports: [WorkloadsModule, PlacementModule, CatalogModule, MigrationModule],
  providers: [
    CostLedgerRepository,
    LedgerPartitionRepository,
    SpendRepository,
    FocusExportRepository,
    FocusImportRepository,
    DeploymentCostingRepository,
    BudgetRepository,
    AccrualService,
    AccrualScheduler,
    BudgetService,
    SpendService,
    ForecastService,
    SavingsService,
    FocusImportService,
    FocusExportService,
    SpendResolver,
    ForecastResolver,
    BudgetResolver,
    LedgerResolver,
  ],
  exports: [
    AccrualService,
    BudgetService,
    SpendService,
    FocusImportService,
    FocusExportService,
    ForecastService,
  ],
})
export class FinanceModule {}
