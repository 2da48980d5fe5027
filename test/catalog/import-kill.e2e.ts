import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSyntheticOfferFile } from '../../bench/support/synthetic-offer-file.js';
import { childEnv, runCli, spawnCli, waitForOutput } from '../support/cli.js';
import { createTestDatabaseConfig } from '../support/test-service.js';

interface VersionJson {
  id: string;
  status: string;
  format: string;
  offers: number;
  scopeKey: string;
  error: string | null;
}

/**
 * kill -9 in the middle of an import: the previous version of the scope keeps serving, the
 * killed one is marked FAILED by the next process and none of its rows remain.
 */
describe('an import killed with SIGKILL', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cumulus-kill-'));
  let env: NodeJS.ProcessEnv;
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const db = await createTestDatabaseConfig();
    drop = () => db.drop();
    env = childEnv(
      db.database.kind === 'postgres'
        ? { DATABASE_URL: db.database.url }
        : { CUMULUS_DATA_DIR: path.join(work, 'data'), DATABASE_URL: undefined },
    );
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('leaves the previous version serving and is marked FAILED on the next start', async () => {
    const small = path.join(work, 'small.json');
    const large = path.join(work, 'large.json');
    await writeSyntheticOfferFile(small, { products: 200, seed: 1 });
    await writeSyntheticOfferFile(large, { products: 20_000, seed: 2 });

    const first = await runCli(['catalog', 'import', '--format', 'aws-offer-file', small], env);
    expect(first.stderr).not.toContain('cumulus:');
    expect(first.code).toBe(0);
    const previous = JSON.parse(first.stdout) as { catalogVersionId: string; status: string; offers: number };
    expect(previous).toMatchObject({ status: 'ACTIVE', offers: 200 * 9 });

    const child = spawnCli(['catalog', 'import', '--format', 'aws-offer-file', large], env);
    await waitForOutput(child.stderr!, (text) => /… [1-9]\d* records/.test(text), 120_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const listed = await runCli(['catalog', 'versions', '--provider', 'aws', '--json'], env);
    expect(listed.code).toBe(0);
    const versions = JSON.parse(listed.stdout) as VersionJson[];
    const offerFileVersions = versions.filter((v) => v.format === 'aws-offer-file');
    const killed = offerFileVersions.find((v) => v.id !== previous.catalogVersionId)!;
    expect(killed).toMatchObject({ status: 'FAILED', offers: 0 });
    expect(killed.error).toContain('did not finish');
    expect(offerFileVersions.find((v) => v.id === previous.catalogVersionId)).toMatchObject({
      status: 'ACTIVE',
      offers: 1800,
    });

    const offers = await runCli(['catalog', 'offers', '--version', killed.id, '--json'], env);
    expect(JSON.parse(offers.stdout)).toEqual([]);
    const serving = await runCli(
      ['catalog', 'offers', '--provider', 'aws', '--instance-type', 'm5.large', '--json'],
      env,
    );
    const servingRows = JSON.parse(serving.stdout) as { catalogVersionId: string }[];
    expect(servingRows.length).toBeGreaterThan(0);
    expect(new Set(servingRows.map((r) => r.catalogVersionId))).toContain(previous.catalogVersionId);
    expect(servingRows.every((r) => r.catalogVersionId !== killed.id)).toBe(true);
  });
});
