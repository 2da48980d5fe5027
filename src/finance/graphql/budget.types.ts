import { Field, Float, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { DecimalScalar } from '../../common/graphql-scalars.js';
import { BudgetAlertBasisEnum, CostBasisEnum } from './finance-enums.graphql.js';

@ObjectType({
  description: 'What a budget counts; empty = everything of the tenant. Conditions combine with AND.',
})
export class BudgetScope {
  @Field(() => String, { nullable: true, description: 'FOCUS ProviderName, e.g. "AWS"' }) providerName!:
    string | null;
  @Field(() => ID, { nullable: true }) workloadId!: string | null;
  @Field(() => String, { nullable: true }) tagKey!: string | null;
  @Field(() => String, { nullable: true }) tagValue!: string | null;
}

@ObjectType()
export class Budget {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => DecimalScalar, { description: 'Per calendar month' }) amount!: string;
  @Field(() => String) currency!: string;
  @Field(() => String, { description: 'MONTH' }) period!: string;
  @Field(() => CostBasisEnum, { description: 'Which ledger rows are spend to date: accrued or imported' })
  ledgerBasis!: CostBasisEnum;
  @Field(() => BudgetScope) scope!: BudgetScope;
  @Field(() => [Float], { description: 'Percentages of amount that raise an alert' })
  thresholdsPct!: number[];
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType({ description: 'Raised once per budget, month, threshold and basis' })
export class BudgetAlert {
  @Field(() => ID) id!: string;
  @Field(() => ID) budgetId!: string;
  @Field(() => String, { description: 'YYYY-MM' }) period!: string;
  @Field(() => Float) thresholdPct!: number;
  @Field(() => BudgetAlertBasisEnum) basis!: BudgetAlertBasisEnum;
  @Field(() => Date, {
    description: 'ACTUAL: end of the charge (day) that crossed it; FORECAST: when it was seen',
  })
  crossedAt!: Date;
  @Field(() => DecimalScalar, { description: 'Spend to date (ACTUAL) or forecast to month end (FORECAST)' })
  amount!: string;
  @Field(() => DecimalScalar) thresholdAmount!: string;
  @Field(() => String) currency!: string;
  @Field(() => Date) raisedAt!: Date;
}

@ObjectType()
export class BudgetEvaluation {
  @Field(() => Budget) budget!: Budget;
  @Field(() => String) period!: string;
  @Field(() => DecimalScalar, { description: 'EffectiveCost to date in scope' }) actualToDate!: string;
  @Field(() => DecimalScalar, {
    description: 'Spend to date + forecast of the running deployments to month end',
  })
  forecastToPeriodEnd!: string;
  @Field(() => [BudgetAlert], { description: 'Alerts this evaluation raised; earlier ones are not repeated' })
  newAlerts!: BudgetAlert[];
}

@InputType()
export class BudgetScopeInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) providerName?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() workloadId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) tagKey?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 500) tagValue?: string;
}

@InputType()
export class BudgetInput {
  @Field(() => String) @Length(1, 200) name!: string;
  @Field(() => DecimalScalar, { description: 'Per calendar month, > 0' }) amount!: string;
  @Field(() => String, { defaultValue: 'USD' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency!: string;
  @Field(() => CostBasisEnum, { defaultValue: CostBasisEnum.ESTIMATED }) ledgerBasis!: CostBasisEnum;
  @Field(() => BudgetScopeInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BudgetScopeInput)
  scope?: BudgetScopeInput;
  @Field(() => [Float], { defaultValue: [50, 80, 100] })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  thresholdsPct!: number[];
}
