import type { Database } from './database.js';
import { AdvisoryLockService } from './advisory-lock.service.js';

// The in-process half of the lock (on the embedded database it is the whole lock).
const locks = () => new AdvisoryLockService({ kind: 'pglite', serverUrl: null } as unknown as Database);

describe('AdvisoryLockService (in process)', () => {
  it('a caller that gave up waiting does not let the next one in beside the holder', async () => {
    const service = locks();
    const events: string[] = [];
    let finishHolder!: () => void;
    const holderMayFinish = new Promise<void>((resolve) => (finishHolder = resolve));
    const holder = service.run('policy', 1000, async () => {
      events.push('holder start');
      await holderMayFinish;
      events.push('holder end');
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const impatient = await service.run('policy', 10, async () => events.push('impatient ran'));
    expect(impatient).toEqual({ acquired: false });
    const next = service.run('policy', 5000, async () => events.push('next ran'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    finishHolder();
    await Promise.all([holder, next]);
    expect(events).toEqual(['holder start', 'holder end', 'next ran']);
  });

  it('runs different keys side by side', async () => {
    const service = locks();
    let release!: () => void;
    const blocked = service.run('a', 1000, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(service.run('b', 10, async () => 'b')).resolves.toEqual({ acquired: true, value: 'b' });
    release();
    await blocked;
  });
});
