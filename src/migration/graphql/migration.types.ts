import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DecimalScalar, JSONScalar } from '../../common/graphql-scalars.js';
import {
  MIGRATION_STATES,
  MIGRATION_STRATEGIES,
  type MigrationState,
  type MigrationStrategy,
} from '../../domain/migration/migration-types.js';

export const MigrationStateEnum = Object.fromEntries(MIGRATION_STATES.map((s) => [s, s])) as Record<
  MigrationState,
  MigrationState
>;
registerEnumType(MigrationStateEnum, { name: 'MigrationState' });
export const MigrationStrategyEnum = Object.fromEntries(MIGRATION_STRATEGIES.map((s) => [s, s])) as Record<
  MigrationStrategy,
  MigrationStrategy
>;
registerEnumType(MigrationStrategyEnum, { name: 'MigrationStrategy' });

@ObjectType()
export class MigrationStep {
  @Field(() => Int) index!: number;
  @Field(() => String, { description: 'The step kind: prepare_target, transfer, switch_traffic…' })
  name!: string;
  @Field(() => String) component!: string;
  @Field(() => Int) iteration!: number;
  @Field(() => String, {
    description: 'PENDING, RUNNING, SUCCEEDED, FAILED, COMPENSATING, COMPENSATED, SKIPPED',
  })
  state!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => Int) attemptLimit!: number;
  @Field(() => String) idempotencyKey!: string;
  @Field(() => String, { nullable: true }) compensation!: string | null;
  @Field(() => String, { nullable: true }) compensationKey!: string | null;
  @Field(() => Int) compensationAttempts!: number;
  @Field(() => Date, { nullable: true }) notBefore!: Date | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => String, { nullable: true }) skippedReason!: string | null;
  @Field(() => Boolean) irreversible!: boolean;
  @Field(() => JSONScalar, { nullable: true, description: "The adapter's result (ids, addresses)" })
  output!: Record<string, unknown> | null;
}

@ObjectType()
export class EgressTierCost {
  @Field(() => Float) startGb!: number;
  @Field(() => Float, { nullable: true }) endGb!: number | null;
  @Field(() => DecimalScalar) gb!: string;
  @Field(() => DecimalScalar) pricePerGbUsd!: string;
  @Field(() => DecimalScalar) costUsd!: string;
}

@ObjectType()
export class MigrationEstimate {
  @Field(() => MigrationStrategyEnum) strategy!: MigrationStrategy;
  @Field(() => String) strategyReason!: string;
  @Field(() => Float) gibToMove!: number;
  @Field(() => Float) throughputGbitPerS!: number;
  @Field(() => String, { description: 'measured:skyplane or configured-default' }) throughputSource!: string;
  @Field(() => Float) transferSeconds!: number;
  @Field(() => Float) expectedDowntimeSeconds!: number;
  @Field(() => DecimalScalar) egressCostUsd!: string;
  @Field(() => String, { description: 'Which egress prices were used' }) egressBasis!: string;
  @Field(() => [EgressTierCost]) egressTiers!: EgressTierCost[];
  @Field(() => DecimalScalar) doubleRunningCostUsd!: string;
  @Field(() => DecimalScalar) labourCostUsd!: string;
  @Field(() => DecimalScalar) oneOffCostUsd!: string;
  @Field(() => DecimalScalar) sourceMonthlyCostUsd!: string;
  @Field(() => DecimalScalar) targetMonthlyCostUsd!: string;
  @Field(() => DecimalScalar) monthlySavingUsd!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Null when the move never pays back' })
  paybackMonths!: string | null;
  @Field(() => String) costBasis!: string;
  @Field(() => [String]) componentOrder!: string[];
  @Field(() => [String]) warnings!: string[];
  @Field(() => Date) plannedAt!: Date;
}

@ObjectType()
export class MigrationTransition {
  @Field(() => Date) at!: Date;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String) to!: string;
  @Field(() => String) event!: string;
  @Field(() => String, { description: 'Who or what: apikey:<name>, worker:<id>, system:lease-reaper' })
  by!: string;
  @Field(() => String) reason!: string;
  @Field(() => String, { nullable: true }) stepKey!: string | null;
  @Field(() => String, { nullable: true }) stepFrom!: string | null;
  @Field(() => String, { nullable: true }) stepTo!: string | null;
}

@ObjectType()
export class MigrationFailure {
  @Field(() => String) stepKey!: string;
  @Field(() => String) during!: string;
  @Field(() => String) error!: string;
}

@ObjectType()
export class MigrationProgress {
  @Field(() => ID) migrationId!: string;
  @Field(() => MigrationStateEnum) state!: MigrationState;
  @Field(() => Int) stepsDone!: number;
  @Field(() => Int) stepsTotal!: number;
  @Field(() => String, { nullable: true }) currentStepKey!: string | null;
  @Field(() => Boolean) sourceServing!: boolean;
  @Field(() => [String]) componentsOnTarget!: string[];
  @Field(() => Date) at!: Date;
}

@ObjectType()
export class Migration {
  @Field(() => ID) id!: string;
  @Field(() => ID) workloadId!: string;
  @Field(() => String) workloadName!: string;
  @Field(() => MigrationStateEnum) state!: MigrationState;
  @Field(() => MigrationStrategyEnum) strategy!: MigrationStrategy;
  @Field(() => String) sourceProvider!: string;
  @Field(() => String) sourceRegion!: string;
  @Field(() => String) targetProvider!: string;
  @Field(() => [String]) targetRegions!: string[];
  @Field(() => DecimalScalar) oneOffCostUsd!: string;
  @Field(() => Int) version!: number;
  @Field(() => String, { nullable: true }) approvedBy!: string | null;
  @Field(() => MigrationFailure, { nullable: true }) failure!: MigrationFailure | null;
  @Field(() => [MigrationStep]) steps!: MigrationStep[];
  @Field(() => MigrationEstimate) estimate!: MigrationEstimate;
  @Field(() => MigrationProgress) progress!: MigrationProgress;
  @Field(() => String) createdBy!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}
