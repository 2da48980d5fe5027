import { ImportFormatError } from '../catalog/importers/catalog-importer.js';
import { ImportFailedError } from '../catalog/offer-import.service.js';
import { DomainError } from '../common/errors.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { DataDirLockedError } from '../database/data-dir-lock.js';
import { openCliContext, type CliContext } from './cli-context.js';
import { printJson } from './output.js';

export type CliRunner = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

/** Runs one command against the database and turns errors into messages and exit codes. */
export const runWithContext: CliRunner = async (action) => {
  let ctx: CliContext | null = null;
  try {
    ctx = await openCliContext(loadConfig());
    await action(ctx);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
    if (error instanceof ImportFailedError) printJson(error.summary);
    process.stderr.write(`cumulus: ${error instanceof Error ? error.message : String(error)}\n`);
    if (
      process.exitCode === 1 &&
      !(error instanceof ImportFailedError) &&
      error instanceof Error &&
      process.env.LOG_LEVEL === 'debug'
    ) {
      process.stderr.write(`${error.stack}\n`);
    }
  } finally {
    await ctx?.close();
  }
};

function exitCodeFor(error: unknown): number {
  if (error instanceof DataDirLockedError || error instanceof ConfigError) return 2;
  if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') return 2;
  if (error instanceof ImportFormatError) return 1;
  return 1;
}
