import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabaseConfig } from './test-service.js';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const CLI = path.resolve('dist/src/cli.js');
/** As `npm run cli` and the `cumulus` bin run it (see src/cli.ts). */
const CLI_FLAGS = ['--max-old-space-size=384'];
const MAIN = path.resolve('dist/src/main.js');

/** Env for a child process: the test's database choice, no inherited DATABASE_URL unless given. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', NODE_OPTIONS: '' };
  delete env.DATABASE_URL;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/**
 * A fresh database (the test's own on a server, else a new embedded data folder) and the env the
 * CLI runs with there, without the starter catalog; `cleanup` drops both.
 */
export async function freshCliEnvironment(
  name: string,
): Promise<{ env: NodeJS.ProcessEnv; cleanup: () => Promise<void> }> {
  const db = await createTestDatabaseConfig();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `cumulus-${name}-`));
  return {
    env: childEnv({
      DATABASE_URL: db.database.kind === 'postgres' ? db.database.url : undefined,
      CUMULUS_DATA_DIR: dataDir,
      CUMULUS_STARTER_CATALOG: 'false',
    }),
    cleanup: async () => {
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the built CLI (npm test builds first) as a user would. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_FLAGS, CLI, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...CLI_FLAGS, CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function spawnService(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves when `predicate` matches the accumulated output of the stream. */
export function waitForOutput(
  stream: NodeJS.ReadableStream,
  predicate: (text: string) => boolean,
  timeoutMs = 60_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for output; got:\n${text}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      text += d.toString();
      if (predicate(text)) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolve(text);
      }
    };
    stream.on('data', onData);
  });
}
