import { openDatabase, type Database } from '../../src/database/database.js';
import { AccrualLock } from '../../src/finance/accrual-lock.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

/** A held lock with a way to let go of it. */
function holdFor(lock: AccrualLock): { started: Promise<void>; release: () => void; done: Promise<unknown> } {
  let release!: () => void;
  let started!: () => void;
  const startedPromise = new Promise<void>((resolve) => (started = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  const done = lock.run(false, async () => {
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
    const lock = new AccrualLock(db.database);
    // On the embedded database one process owns the data folder: its one lock object is the whole story.
    const other = second ? new AccrualLock(second) : lock;
    const held = holdFor(lock);
    await held.started;
    expect(await other.run(false, async () => 'tick')).toBeNull();
    let waited = false;
    const manual = other.run(true, async () => (waited = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(waited).toBe(false);
    held.release();
    expect(await held.done).toBe('ran');
    expect(await manual).toBe(true);
    // and once released, a tick runs
    expect(await other.run(false, async () => 'tick')).toBe('tick');
  });
});
