import { CatalogSchema1764201600000 } from './1764201600000-catalog-schema.js';
import { RegionAvailability1764201700000 } from './1764201700000-region-availability.js';
import { Workloads1764201800000 } from './1764201800000-workloads.js';
import { Deployments1764201900000 } from './1764201900000-deployments.js';
import { JobsQueue1764202000000 } from './1764202000000-jobs-queue.js';
import { Migrations1764202010000 } from './1764202010000-migrations.js';
import { SimulatedProvider1764202020000 } from './1764202020000-simulated-provider.js';
import { CostLedger1764202100000 } from './1764202100000-cost-ledger.js';
import { Overspill1764202200000 } from './1764202200000-overspill.js';

/** Every migration, in order. Listed explicitly so the same list runs from dist/ and under jest. */
export const MIGRATIONS = [
  CatalogSchema1764201600000,
  RegionAvailability1764201700000,
  Workloads1764201800000,
  Deployments1764201900000,
  JobsQueue1764202000000,
  Migrations1764202010000,
  SimulatedProvider1764202020000,
  CostLedger1764202100000,
  Overspill1764202200000,
];
