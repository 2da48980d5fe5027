import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, Length } from 'class-validator';
import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { DecimalScalar } from '../../common/graphql-scalars.js';
import { BudgetAlert } from './budget.types.js';
import { FocusImportStatusEnum } from './finance-enums.graphql.js';

@ObjectType()
export class AccruedDay {
  @Field(() => String, { description: 'YYYY-MM-DD (UTC)' }) day!: string;
  @Field(() => Int) rows!: number;
  @Field(() => Int) deployments!: number;
  @Field(() => DecimalScalar) billedCost!: string;
  @Field(() => Int, {
    description: 'Deployment stretches that could not be priced (no USD price, metered unit)',
  })
  skipped!: number;
}

@ObjectType({ description: 'One accrual run: each day replaced as a whole, then budgets evaluated' })
export class AccrualRun {
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
  @Field(() => [AccruedDay]) days!: AccruedDay[];
  @Field(() => Int) rows!: number;
  @Field(() => DecimalScalar) billedCost!: string;
  @Field(() => Int) skipped!: number;
  @Field(() => [BudgetAlert]) alertsRaised!: BudgetAlert[];
}

@ObjectType()
export class RejectedCostRow {
  @Field(() => Int, { description: 'Spreadsheet row number: the header is row 1' }) rowNumber!: number;
  @Field(() => String) reason!: string;
}

@ObjectType()
export class CurrencyTotals {
  @Field(() => String) currency!: string;
  @Field(() => DecimalScalar) billedCost!: string;
  @Field(() => DecimalScalar) effectiveCost!: string;
  @Field(() => DecimalScalar) listCost!: string;
}

@ObjectType()
export class FocusImportResult {
  @Field(() => FocusImportStatusEnum) status!: FocusImportStatusEnum;
  @Field(() => ID, { nullable: true }) importId!: string | null;
  @Field(() => String, { description: 'sha256 of the file' }) checksum!: string;
  @Field(() => Int, { description: 'Rows imported (0 when REJECTED)' }) rows!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => [RejectedCostRow], { description: 'The first 1,000 rejected rows' })
  rejections!: RejectedCostRow[];
  @Field(() => Int, { description: 'Values accepted with a warning (e.g. a lower-case ChargeFrequency)' })
  warnings!: number;
  @Field(() => [CurrencyTotals], { description: 'Exact totals of the accepted rows per billing currency' })
  totals!: CurrencyTotals[];
}

@ObjectType()
export class FocusImport {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) account!: string | null;
  @Field(() => String) fileName!: string;
  @Field(() => String) checksum!: string;
  @Field(() => Int) rows!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => [CurrencyTotals]) totals!: CurrencyTotals[];
  @Field(() => Date, { nullable: true }) chargePeriodStart!: Date | null;
  @Field(() => Date, { nullable: true }) chargePeriodEnd!: Date | null;
  @Field(() => String, { nullable: true }) importedBy!: string | null;
  @Field(() => Date) importedAt!: Date;
}

@InputType()
export class ImportFocusInput {
  @Field(() => String, {
    nullable: true,
    description: "Provider account the bill belongs to (default: each row's BillingAccountId)",
  })
  @IsOptional()
  @Length(1, 200)
  account?: string;
  @Field(() => GraphQLUpload, { nullable: true, description: 'The FOCUS CSV, sent as a multipart request' })
  @IsOptional()
  upload?: Promise<FileUpload>;
  @Field(() => String, {
    nullable: true,
    description: 'A file on the server, under the import path allow-list (CUMULUS_IMPORT_PATH_ALLOW)',
  })
  @IsOptional()
  @Length(1, 4096)
  path?: string;
  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Import the accepted rows even if some are rejected (default: nothing is imported)',
  })
  allowRejected!: boolean;
}
