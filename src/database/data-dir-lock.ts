import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DataDirOwner {
  readonly pid: number;
  readonly host: string;
  readonly role: string;
  readonly startedAt: string;
  readonly url?: string;
}

/** PGlite does not lock its folder: two processes would both write to it. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner,
  ) {
    const where = owner.url ? `, serving ${owner.url}` : '';
    super(
      `The data folder ${dataDir} is in use by the Cumulus ${owner.role} (pid ${owner.pid} on ${owner.host}${where}, ` +
        `since ${owner.startedAt}). The embedded database allows one process at a time. ` +
        (owner.url
          ? `Stop the service first, or do this through its GraphQL API at ${owner.url}/graphql.`
          : `Wait for it to finish or stop it first.`) +
        ` To run a second, separate instance, point CUMULUS_DATA_DIR at another folder.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): DataDirOwner | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as DataDirOwner;
  } catch {
    return null;
  }
}

export function readDataDirOwner(dataDir: string): DataDirOwner | null {
  const owner = readOwner(path.join(dataDir, 'cumulus.lock'));
  return owner && (owner.host !== os.hostname() || isAlive(owner.pid)) ? owner : null;
}

export interface DataDirLock {
  readonly path: string;
  /** Records the URL the service listens on, so a second process can be told where to go. */
  setUrl(url: string): void;
  release(): void;
}

/**
 * Takes the folder with an O_EXCL lock file holding the owner's pid. A lock left by a
 * process that died (kill -9) is taken over; the takeover renames the stale file first so
 * only one of two racing processes wins it.
 */
export function acquireDataDirLock(dataDir: string, role: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'cumulus.lock');
  let owner: DataDirOwner = {
    pid: process.pid,
    host: os.hostname(),
    role,
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify(owner));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const current = readOwner(lockPath);
        if (current?.pid === process.pid) fs.rmSync(lockPath, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return {
        path: lockPath,
        setUrl(url: string) {
          owner = { ...owner, url };
          fs.writeFileSync(lockPath, JSON.stringify(owner));
        },
        release,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readOwner(lockPath);
      if (current && (current.host !== os.hostname() || isAlive(current.pid))) {
        throw new DataDirLockedError(dataDir, current);
      }
      try {
        fs.renameSync(lockPath, `${lockPath}.stale-${process.pid}`);
        fs.rmSync(`${lockPath}.stale-${process.pid}`, { force: true });
      } catch {
        // Another process took the stale lock over first; the next attempt sees its lock.
      }
    }
  }
  const current = readOwner(lockPath);
  throw current ? new DataDirLockedError(dataDir, current) : new Error(`Could not lock ${dataDir}`);
}
