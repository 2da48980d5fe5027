import { HOURS_PER_MONTH, money } from '../domain/money.js';
import type { DeploymentEntity } from './deployment.entity.js';
import type { Deployment } from './deployment.types.js';

export function toDeployment(d: DeploymentEntity): Deployment {
  return {
    id: d.id,
    workloadId: d.workloadId,
    component: d.component,
    provider: d.providerId,
    region: d.regionCode,
    offerId: d.offerId,
    sku: d.sku,
    instanceType: d.instanceType,
    purchaseOption: d.purchaseOption,
    instanceCount: d.instanceCount,
    pricePerHour: d.pricePerHour,
    currency: d.currency,
    pricePerHourUsd: d.pricePerHourUsd,
    monthlyCostUsd:
      d.pricePerHourUsd === null
        ? null
        : money(d.pricePerHourUsd).mul(d.instanceCount).mul(HOURS_PER_MONTH).toFixed(),
    startedAt: d.startedAt,
    endedAt: d.endedAt,
    source: d.source,
    migrationId: d.migrationId,
    tags: d.tags,
  };
}
