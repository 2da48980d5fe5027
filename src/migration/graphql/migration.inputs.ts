import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { MigrationState } from '../../domain/migration/migration-types.js';
import { MigrationStateEnum } from './migration.types.js';

@InputType()
export class MigrationFilterInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() workloadId?: string;
  @Field(() => [MigrationStateEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  states?: MigrationState[];
  @Field(() => Int, { nullable: true, description: 'Newest first, default 100, at most 500' })
  @IsOptional()
  @Min(1)
  @Max(500)
  limit?: number;
}
