import { Args, Context, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { IsIn, IsOptional, Length, Matches } from 'class-validator';
import { NotFoundError } from '../common/errors.js';
import { ApiKeyService } from './api-key.service.js';
import type { GraphqlContext } from './role.guard.js';
import { ROLES } from './role.js';
import { RequireRole } from './roles.decorator.js';

@ObjectType()
export class ApiKey {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) role!: string;
  @Field(() => String) tenant!: string;
  @Field(() => String, { description: 'The first characters of the key, to recognise it' })
  keyPrefix!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) role!: string;
  @Field(() => String) tenant!: string;
  @Field(() => String, { description: 'The secret key. Shown once: only its hash is stored.' }) key!: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => String) @IsIn(ROLES) role!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) name?: string;
  @Field(() => String, {
    nullable: true,
    description: "Tenant whose workloads the key acts on (default: the creating key's tenant)",
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/, { message: 'tenant must be a lower-case slug' })
  tenant?: string;
}

@Resolver()
export class ApiKeyResolver {
  constructor(private readonly keys: ApiKeyService) {}

  @RequireRole('admin')
  @Query(() => [ApiKey])
  async apiKeys(): Promise<ApiKey[]> {
    return this.keys.list();
  }

  @RequireRole('admin')
  @Mutation(() => CreatedApiKey)
  async createApiKey(
    @Args('input') input: CreateApiKeyInput,
    @Context() context: GraphqlContext,
  ): Promise<CreatedApiKey> {
    return this.keys.create(
      input.role,
      input.name ?? '',
      context.principal ? `apikey:${context.principal.name}` : null,
      input.tenant ?? context.principal?.tenant ?? 'default',
    );
  }

  @RequireRole('admin')
  @Mutation(() => Boolean)
  async revokeApiKey(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    if (!(await this.keys.revoke(id))) throw new NotFoundError(`no active API key ${id}`);
    return true;
  }
}
