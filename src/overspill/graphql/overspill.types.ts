import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DecimalScalar, JSONScalar } from '../../common/graphql-scalars.js';
import { WorkloadConstraints } from '../../workloads/workload.types.js';
import {
  OverspillActionEnum,
  OverspillBurstStatusEnum,
  OverspillMetricEnum,
  OverspillModeEnum,
  OverspillTickTriggerEnum,
} from './overspill-enums.graphql.js';

@ObjectType()
export class OverspillSelector {
  @Field(() => [String]) tags!: string[];
  @Field(() => Int) minPriority!: number;
}

@ObjectType()
export class OverspillPolicy {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: '"<provider>/<region>"' }) site!: string;
  @Field(() => String, { description: 'node-cron expression, UTC' }) schedule!: string;
  @Field(() => OverspillMetricEnum) metric!: OverspillMetricEnum;
  @Field(() => Float) highWatermark!: number;
  @Field(() => Float) lowWatermark!: number;
  @Field(() => Int) dwellTicks!: number;
  @Field(() => Float) cooldownMinutes!: number;
  @Field(() => Float) maxVcpuOut!: number;
  @Field(() => DecimalScalar, { description: 'USD per day' }) maxCostPerDay!: string;
  @Field(() => Int) maxMovesPerHour!: number;
  @Field(() => OverspillSelector) selector!: OverspillSelector;
  @Field(() => WorkloadConstraints) targetConstraints!: WorkloadConstraints;
  @Field(() => OverspillModeEnum) mode!: OverspillModeEnum;
  @Field(() => Float) leaseMinutes!: number;
  @Field(() => String, { nullable: true }) createdBy!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType()
export class OverspillTarget {
  @Field(() => String) provider!: string;
  @Field(() => String) region!: string;
}

@ObjectType({ description: 'A workload moved out (BURST) or back (RECALL) by a decision' })
export class OverspillMove {
  @Field(() => OverspillActionEnum) kind!: OverspillActionEnum;
  @Field(() => ID) workloadId!: string;
  @Field(() => String, { nullable: true }) workloadName!: string | null;
  @Field(() => Float) vcpu!: number;
  @Field(() => Float) memoryGib!: number;
  @Field(() => OverspillTarget, { description: 'Where it goes (BURST) or comes back from (RECALL)' })
  target!: OverspillTarget;
  @Field(() => DecimalScalar, { description: 'USD per day at the target' }) costPerDayUsd!: string;
  @Field(() => Date, { nullable: true }) leaseExpiresAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The migration carrying it out (ENFORCE)' })
  migrationId!: string | null;
  @Field(() => String, { description: 'STARTED, FAILED, DRY_RUN (not carried out) or PENDING' })
  status!: string;
  @Field(() => String, { nullable: true }) error!: string | null;
}

@ObjectType({ description: 'An instance at a target that no burst accounts for' })
export class OverspillLeak {
  @Field(() => String) provider!: string;
  @Field(() => String) region!: string;
  @Field(() => String) instanceId!: string;
  @Field(() => ID, { nullable: true }) workloadId!: string | null;
  @Field(() => String) reason!: string;
}

@ObjectType()
export class OverspillLeaseFinding {
  @Field(() => ID) workloadId!: string;
  @Field(() => OverspillTarget) target!: OverspillTarget;
  @Field(() => Date, { nullable: true }) leaseExpiresAt!: Date | null;
  @Field(() => String) reason!: string;
}

@ObjectType({ description: 'One tick of a policy: what it saw, decided and did, and why' })
export class OverspillDecision {
  @Field(() => ID) id!: string;
  @Field(() => ID) policyId!: string;
  @Field(() => ID) site!: string;
  @Field(() => Date, { description: 'The tick (the cron slot, or the moment of an on-demand tick)' })
  tickAt!: Date;
  @Field(() => OverspillTickTriggerEnum) trigger!: OverspillTickTriggerEnum;
  @Field(() => String, { description: 'CLAIMED (being decided), DECIDED or FAILED' }) status!: string;
  @Field(() => String, { description: 'The replica that made it' }) claimedBy!: string;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  @Field(() => OverspillModeEnum) mode!: OverspillModeEnum;
  @Field(() => Boolean) dryRun!: boolean;
  @Field(() => OverspillActionEnum, { nullable: true, description: 'Null when the tick failed' })
  action!: OverspillActionEnum | null;
  @Field(() => [ID], { description: 'Workloads moved, in move order' }) workloads!: string[];
  @Field(() => [OverspillMove]) moves!: OverspillMove[];
  @Field(() => [String]) reasons!: string[];
  @Field(() => Float, { nullable: true }) utilisation!: number | null;
  @Field(() => Float, { nullable: true }) projectedUtilisation!: number | null;
  @Field(() => Float, { nullable: true }) projectedVcpuOut!: number | null;
  @Field(() => DecimalScalar, { nullable: true }) projectedCostPerDayUsd!: string | null;
  @Field(() => Int) leaseRenewals!: number;
  @Field(() => [OverspillLeak]) leaks!: OverspillLeak[];
  @Field(() => [OverspillLeaseFinding]) expiredLeases!: OverspillLeaseFinding[];
  @Field(() => [OverspillLeaseFinding]) missingBursts!: OverspillLeaseFinding[];
  @Field(() => JSONScalar, { nullable: true, description: 'What the decision was given (summary)' })
  inputs!: unknown;
  @Field(() => JSONScalar, { nullable: true, description: 'What ENFORCE did' }) outcome!: unknown;
  @Field(() => String, { nullable: true }) error!: string | null;
}

@ObjectType({ description: 'A workload a policy moved out, from decision to return' })
export class OverspillBurst {
  @Field(() => ID) id!: string;
  @Field(() => ID) workloadId!: string;
  @Field(() => String, { nullable: true }) workloadName!: string | null;
  @Field(() => OverspillBurstStatusEnum) status!: OverspillBurstStatusEnum;
  @Field(() => OverspillTarget) target!: OverspillTarget;
  @Field(() => Float) vcpu!: number;
  @Field(() => Float) memoryGib!: number;
  @Field(() => DecimalScalar, { description: 'USD per day at the target' }) costPerDayUsd!: string;
  @Field(() => ID, { nullable: true }) burstMigrationId!: string | null;
  @Field(() => ID, { nullable: true }) recallMigrationId!: string | null;
  @Field(() => String, { nullable: true, description: 'State of the migration moving it now' })
  migrationState!: string | null;
  @Field(() => Date) decidedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the move out completed' }) burstedAt!: Date | null;
  @Field(() => Date, { nullable: true }) leaseExpiresAt!: Date | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType()
export class OverspillSiteCapacity {
  @Field(() => Float) totalVcpu!: number;
  @Field(() => Float) usedVcpu!: number;
  @Field(() => Float) totalMemoryGib!: number;
  @Field(() => Float) usedMemoryGib!: number;
  @Field(() => Float) vcpuUtilization!: number;
  @Field(() => Float) memoryUtilization!: number;
  @Field(() => Date) observedAt!: Date;
}

@ObjectType()
export class OverspillSiteStatus {
  @Field(() => ID) site!: string;
  @Field(() => OverspillSiteCapacity) capacity!: OverspillSiteCapacity;
  @Field(() => Float, { description: "Utilisation now on the policy's metric (vCPU without a policy)" })
  utilisation!: number;
  @Field(() => OverspillPolicy, { nullable: true }) policy!: OverspillPolicy | null;
  @Field(() => [OverspillBurst], { description: 'Out now, with their leases' })
  activeBursts!: OverspillBurst[];
  @Field(() => [OverspillBurst], { description: 'Moving out or back' }) pendingMoves!: OverspillBurst[];
  @Field(() => Float) vcpuOut!: number;
  @Field(() => DecimalScalar, { description: 'USD per day of the active bursts' }) costPerDayUsd!: string;
  @Field(() => OverspillDecision, { nullable: true }) lastDecision!: OverspillDecision | null;
  @Field(() => [OverspillLeak], { description: 'Found by the last decision' }) leaks!: OverspillLeak[];
}

@ObjectType()
export class SimulatedSiteLoad {
  @Field(() => ID) site!: string;
  @Field(() => OverspillSiteCapacity) capacity!: OverspillSiteCapacity;
  @Field(() => Float, { description: 'The share of the site Cumulus does not manage, as stored' })
  backgroundUtilization!: number;
}
