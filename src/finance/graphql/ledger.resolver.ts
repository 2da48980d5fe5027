import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import fs from 'node:fs';
import type { GraphqlContext } from '../../auth/role.guard.js';
import { RequireRole } from '../../auth/roles.decorator.js';
import { assertPathAllowed } from '../../catalog/import-sources.js';
import { InvalidInputError } from '../../common/errors.js';
import { withSpooledUpload } from '../../common/upload-spool.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { actorOf } from '../../workloads/workload.resolver.js';
import { AccrualService } from '../accrual.service.js';
import { FocusImportService } from '../focus-import.service.js';
import { toAccrualRun, toFocusImport, toFocusImportResult } from './finance.mapper.js';
import { AccrualRun, FocusImport, FocusImportResult, ImportFocusInput } from './ledger.types.js';

@Resolver()
export class LedgerResolver {
  constructor(
    private readonly accrual: AccrualService,
    private readonly imports: FocusImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @RequireRole('admin')
  @Mutation(() => AccrualRun, {
    description:
      'Accrues the UTC days from `from` to `to` (YYYY-MM-DD, both included, up to yesterday), replacing them',
  })
  async accrueCosts(
    @Args('from', { type: () => String }) from: string,
    @Args('to', { type: () => String }) to: string,
  ): Promise<AccrualRun> {
    return toAccrualRun(await this.accrual.accrueRange(from, to));
  }

  @RequireRole('admin')
  @Mutation(() => FocusImportResult, {
    description:
      "Imports a provider's FOCUS CSV as ACTUAL cost, all rows or none; the same file again is a no-op",
  })
  async importFocus(
    @Args('input') input: ImportFocusInput,
    @Context() context: GraphqlContext,
  ): Promise<FocusImportResult> {
    if (Boolean(input.path) === Boolean(input.upload))
      throw new InvalidInputError('give exactly one of path or upload', 'input');
    const request = { account: input.account ?? null, allowRejected: input.allowRejected };
    if (input.path) {
      if (!fs.existsSync(input.path))
        throw new InvalidInputError(`no such file on the server: ${input.path}`, 'input.path');
      const file = assertPathAllowed(input.path, this.config.importPathAllowList);
      return toFocusImportResult(await this.imports.import(actorOf(context), { ...request, file }));
    }
    const upload = await input.upload!;
    return withSpooledUpload(upload, this.config.maxUploadBytes, 'upload.csv', async (file) =>
      toFocusImportResult(
        await this.imports.import(actorOf(context), { ...request, file, fileName: upload.filename }),
      ),
    );
  }

  @Query(() => [FocusImport], { description: "The tenant's imported FOCUS files, newest first" })
  async focusImports(@Context() context: GraphqlContext): Promise<FocusImport[]> {
    return (await this.imports.list(actorOf(context))).map(toFocusImport);
  }
}
