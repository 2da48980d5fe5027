import 'reflect-metadata';
import { startService } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/config.js';
import { DataDirLockedError } from './database/data-dir-lock.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const service = await startService(config);
  const where =
    config.database.kind === 'pglite'
      ? `embedded PostgreSQL (PGlite) in ${config.database.dataDir}`
      : 'PostgreSQL (DATABASE_URL)';
  process.stderr.write(`Cumulus is serving GraphQL at ${service.url}/graphql on ${where}\n`);
  if (service.bootstrapAdminKey) {
    process.stdout.write(
      [
        '',
        '  First start: an admin API key was created. It is shown only this once; store it now.',
        `  ${service.bootstrapAdminKey}`,
        '  Use it as: Authorization: Bearer <key>   (create more with: npm run cli -- apikey create --role reader)',
        '',
      ].join('\n') + '\n',
    );
  }
  const stop = async (signal: string) => {
    process.stderr.write(`${signal}: shutting down\n`);
    await service.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError || error instanceof ConfigError) {
    process.stderr.write(`cumulus: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `cumulus: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
