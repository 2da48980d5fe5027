import { loadConfig, type SimulatedFaultConfig } from '../../src/config/config.js';
import { SimulatedAdapter } from '../../src/providers/simulated/simulated.adapter.js';
import { SimulatedRepository } from '../../src/providers/simulated/simulated.repository.js';
import { openTestDatabase } from '../support/test-database.js';
import { runDriverContract, type ContractSubject } from './contract.js';

/** The simulated provider in both flavours, each as the target of a move from the other. */
async function simulated(target: 'cloud' | 'onprem'): Promise<ContractSubject> {
  const db = await openTestDatabase();
  const repo = new SimulatedRepository(db.database.dataSource);
  let pending: SimulatedFaultConfig | null = null;
  const faults = {
    get '*'(): SimulatedFaultConfig[] {
      const once = pending ? [pending] : [];
      pending = null;
      return once;
    },
  } as unknown as Record<string, SimulatedFaultConfig[]>;
  const config = { ...loadConfig({}).providers.simulated, faults };
  const cloud = new SimulatedAdapter('sim-cloud', 'cloud', repo, config);
  const onprem = new SimulatedAdapter('sim-onprem', 'onprem', repo, config);
  const [source, targetDriver] = target === 'cloud' ? [onprem, cloud] : [cloud, onprem];
  const effects = async () => {
    const rows: { n: number }[] = await db.database.dataSource.query(
      // An undo of a step that never acted is logged (so it replays) but changes nothing.
      `SELECT count(*)::int AS n FROM sim_calls c JOIN sim_effects e USING (key)
       WHERE c.outcome = 'EFFECT' AND NOT (e.result ? 'nothingToUndo')`,
    );
    return rows[0].n;
  };
  return {
    source,
    target: targetDriver,
    sourceSite: { providerId: source.providerId, regionCode: 'r1', resourceId: null, address: '10.9.9.9' },
    targetSite: { providerId: targetDriver.providerId, regionCode: 'r2', resourceId: null, address: null },
    formats: { from: 'VMDK', to: 'VHD' },
    effects,
    failNext: (kind) => {
      pending = { mode: kind === 'retryable' ? 'fail' : 'fail-permanent' };
    },
    close: () => db.close(),
  };
}

runDriverContract('simulated cloud (from a simulated on-prem site)', () => simulated('cloud'));
runDriverContract('simulated on-prem site (from a simulated cloud)', () => simulated('onprem'));
