import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnv, runCli, spawnService, waitForOutput } from '../support/cli.js';

/**
 * The embedded default as a new user meets it: first start prints an admin key once; a
 * second process on the same data folder is told what to do instead of corrupting it; a
 * killed service's lock is taken over.
 */
describe('embedded default (PGlite data folder)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cumulus-embedded-'));
  const env = childEnv({
    CUMULUS_DATA_DIR: dataDir,
    PORT: '0',
    CUMULUS_STARTER_CATALOG: 'false',
    DATABASE_URL: undefined,
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints a bootstrap admin key on the first start only, and locks the folder while running', async () => {
    const first = spawnService(env);
    const stderr = waitForOutput(first.stderr!, (t) => /serving GraphQL at (http:\/\/\S+)\/graphql/.test(t));
    const stdout = waitForOutput(first.stdout!, (t) => /cmk_\S+/.test(t));
    const url = /serving GraphQL at (http:\/\/\S+)\/graphql/.exec(await stderr)![1];
    const key = /(cmk_\S+)/.exec(await stdout)![1];

    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ catalogVersions { id } }' }),
    });
    expect(await response.json()).toEqual({ data: { catalogVersions: [] } });

    const second = await runCli(['catalog', 'versions', '--json'], env);
    expect(second.code).toBe(2);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain(`The data folder ${dataDir} is in use by the Cumulus service`);
    expect(second.stderr).toContain(url);

    first.kill('SIGTERM');
    await new Promise((resolve) => first.once('exit', resolve));

    const restarted = spawnService(env);
    let printed = '';
    restarted.stdout!.on('data', (d: Buffer) => (printed += d.toString()));
    await waitForOutput(restarted.stderr!, (t) => t.includes('serving GraphQL'));
    restarted.kill('SIGKILL');
    await new Promise((resolve) => restarted.once('exit', resolve));
    expect(printed).not.toContain('cmk_');

    // The SIGKILLed service left its lock file behind; the next process takes it over.
    expect(fs.existsSync(path.join(dataDir, 'cumulus.lock'))).toBe(true);
    const after = await runCli(['apikey', 'list', '--json'], env);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    const keys = JSON.parse(after.stdout) as { role: string; name: string }[];
    expect(keys).toEqual([expect.objectContaining({ role: 'admin', name: 'bootstrap admin' })]);
  });
});
