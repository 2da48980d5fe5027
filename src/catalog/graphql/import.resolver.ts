import { Inject } from '@nestjs/common';
import { Args, Context, Field, InputType, Mutation, Resolver } from '@nestjs/graphql';
import { IsOptional, IsUrl, Length, Matches } from 'class-validator';
import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { RequireRole } from '../../auth/roles.decorator.js';
import type { GraphqlContext } from '../../auth/role.guard.js';
import { InvalidInputError } from '../../common/errors.js';
import { withSpooledUpload } from '../../common/upload-spool.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CatalogImportService } from '../catalog-import.service.js';
import { toImportResult } from './catalog.mapper.js';
import { ImportResult } from './catalog.types.js';

@InputType()
export class ImportCatalogInput {
  @Field(() => String, { description: 'Format id, e.g. aws-offer-file, azure-retail, cumulus-csv' })
  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'format must be a format id such as azure-retail' })
  format!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) provider?: string;
  @Field(() => String, {
    nullable: true,
    description: 'http(s) URL on the import allow-list (CUMULUS_IMPORT_URL_ALLOW)',
  })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url?: string;
  @Field(() => GraphQLUpload, { nullable: true, description: 'The file, sent as a multipart request' })
  @IsOptional()
  upload?: Promise<FileUpload>;
}

@Resolver()
export class ImportResolver {
  constructor(
    private readonly imports: CatalogImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @RequireRole('admin')
  @Mutation(() => ImportResult, { description: 'Imports a catalog from a URL or an uploaded file (admin)' })
  async importCatalog(
    @Args('input') input: ImportCatalogInput,
    @Context() context: GraphqlContext,
  ): Promise<ImportResult> {
    if (Boolean(input.url) === Boolean(input.upload)) {
      throw new InvalidInputError('give exactly one of url or upload', 'input');
    }
    const createdBy = context.principal ? `apikey:${context.principal.name}` : null;
    if (input.url) {
      return toImportResult(
        await this.imports.import({
          format: input.format,
          providerId: input.provider,
          urls: [input.url],
          createdBy,
          urlAllowList: this.config.importUrlAllowList,
        }),
      );
    }
    return withSpooledUpload(await input.upload!, this.config.maxUploadBytes, 'upload', async (file) =>
      toImportResult(
        await this.imports.import({
          format: input.format,
          providerId: input.provider,
          files: [file],
          createdBy,
          urlAllowList: this.config.importUrlAllowList,
        }),
      ),
    );
  }
}
