import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiKeyService } from '../auth/api-key.service.js';
import { roleAllows } from '../auth/role.js';
import { ForbiddenError, UnauthenticatedError } from '../common/errors.js';
import type { Actor } from '../workloads/workload.service.js';
import { FocusExportService } from './focus-export.service.js';

/**
 * GET /export/focus.csv?from=&to=[&basis=ESTIMATED|ACTUAL]: the tenant's ledger as FOCUS 1.2
 * CSV, streamed page by page. HTTP routes are outside the GraphQL key context, so the route
 * checks the bearer key itself (reader role or above). Errors before the first byte are JSON
 * (the global filter); a failure mid-stream aborts the connection so a cut-off file never
 * looks complete.
 */
@Controller('export')
export class FocusExportController {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly exports: FocusExportService,
  ) {}

  @Get('focus.csv')
  async focusCsv(
    @Headers('authorization') authorization: string | undefined,
    @Query() query: Record<string, string | undefined>,
    @Res() res: Response,
  ): Promise<void> {
    const actor = await this.authenticate(authorization);
    const range = this.exports.range(actor, { from: query.from, to: query.to, basis: query.basis });
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
    res.setHeader('Content-Disposition', `attachment; filename="${this.exports.fileName(range)}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      for await (const chunk of this.exports.lines(range)) {
        if (res.destroyed) return;
        if (!res.write(chunk)) await drained(res);
      }
      res.end();
    } catch (error) {
      res.destroy(error as Error);
      throw error;
    }
  }

  private async authenticate(authorization: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
    if (!match) throw new UnauthenticatedError('missing API key: send Authorization: Bearer <key>');
    const principal = await this.keys.verify(match[1]);
    if (!principal) throw new UnauthenticatedError('unknown or revoked API key');
    if (!roleAllows(principal.role, 'reader'))
      throw new ForbiddenError(
        `the export needs the reader role; the key "${principal.name}" has ${principal.role}`,
      );
    return { tenant: principal.tenant, name: `apikey:${principal.name}` };
  }
}

/** Resolves when the socket takes more data, or when the client went away. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
