import { Command, Option } from 'commander';
import { ApiKeyService } from '../auth/api-key.service.js';
import { ROLES } from '../auth/role.js';
import type { CliRunner } from './cli-runner.js';
import { printJson, printTable } from './output.js';

export function apikeyCommand(run: CliRunner): Command {
  const apikey = new Command('apikey').description('API keys (stored hashed; a new key is shown once)');
  apikey
    .command('create')
    .addOption(new Option('--role <role>').choices([...ROLES]).makeOptionMandatory())
    .option('--name <name>', 'what the key is for')
    .option('--tenant <tenant>', 'tenant whose workloads the key acts on', 'default')
    .option('--json', 'print JSON')
    .action((opts: { role: string; name?: string; tenant: string; json?: boolean }) =>
      run(async (ctx) => {
        const created = await ctx.app
          .get(ApiKeyService)
          .create(opts.role, opts.name ?? '', 'cli', opts.tenant);
        if (opts.json) return printJson(created);
        process.stdout.write(`${created.key}\n`);
        process.stderr.write(
          `Created ${created.role} key "${created.name}" (${created.id}). It is shown only this once.\n`,
        );
      }),
    );
  apikey
    .command('list')
    .option('--json')
    .action((opts: { json?: boolean }) =>
      run(async (ctx) => {
        const keys = await ctx.app.get(ApiKeyService).list();
        if (opts.json) return printJson(keys.map(({ keyHash: _hash, ...k }) => k));
        printTable(keys as unknown as Record<string, unknown>[], [
          'id',
          'name',
          'role',
          'tenant',
          'keyPrefix',
          'createdAt',
          'lastUsedAt',
          'revokedAt',
        ]);
      }),
    );
  apikey
    .command('revoke')
    .argument('<id>')
    .action((id: string) =>
      run(async (ctx) => {
        const revoked = await ctx.app.get(ApiKeyService).revoke(id);
        if (!revoked) throw new Error(`no active API key ${id}`);
        process.stderr.write(`Revoked ${id}\n`);
      }),
    );
  return apikey;
}
