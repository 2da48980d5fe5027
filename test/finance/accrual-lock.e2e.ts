import { openDatabase, type Database } from '../../src/database/database.js';
import { AdvisoryLockService } from '../../src/database/advisory-lock.service.js';
import { ACCRUAL_LOCK } from '../../src/finance/accrual.service.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

// As AccrualService takes the lock: a scheduled catch-up tries once, a manual run waits.
const tick = <T>(locks: AdvisoryLockService, fn: () => Promise<T>) => locks.run(ACCRUAL_LOCK, 0, fn);
const manual = <T>(locks: AdvisoryLockService, fn: () => Promise<T>) => locks.run(ACCRUAL_LOCK, Infinity, fn);

/** A held lock with a way to let go of it. */
function holdFor(lock: AdvisoryLockService): {
  started: Promise<void>;
  release: () => void;
  done: Promise<unknown>;
} {
  let release!: () => void;
  let started!: () => void;
  const startedPromise = new Promise<void>((resolve) => (started = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  const done = tick(lock, async () => {
    started();
    await gate;
    return 'ran';
  });
  return { started: startedPromise, release, done };
}

describe('the accrual runs once at a time', () => {
  let db: TestDatabase;
  let second: Database | null = null;

  beforeAll(async () => {
    db = await openTestDatabase();
    // A second replica: another process's connection pool on the same server database.
    if (db.url) second = await openDatabase({ kind: 'postgres', url: db.url }, { role: 'test replica' });
  });
  afterAll(async () => {
    await second?.close();
    await db.close();
  });

  it('a scheduled tick skips while another run holds the lock; a manual run waits for it', async () => {
    const lock = new AdvisoryLockService(db.database);
    // On the embedded database one process owns the data folder: its one lock object is the whole story.
    const other = second ? new AdvisoryLockService(second) : lock;
    try {
      const held = holdFor(lock);
      await held.started;
      expect(await tick(other, async () => 'tick')).toEqual({ acquired: false });
      let waited = false;
      const waiting = manual(other, async () => (waited = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(waited).toBe(false);
      held.release();
      expect(await held.done).toEqual({ acquired: true, value: 'ran' });
      expect(await waiting).toEqual({ acquired: true, value: true });
      // and once released, a tick runs
      expect(await tick(other, async () => 'tick')).toEqual({ acquired: true, value: 'tick' });
    } finally {
      await lock.onModuleDestroy();
      if (other !== lock) await other.onModuleDestroy();
    }
  });
});
