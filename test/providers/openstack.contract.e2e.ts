import { loadConfig } from '../../src/config/config.js';
import { OpenStackAdapter } from '../../src/providers/openstack/openstack.adapter.js';
import { runDriverContract } from './contract.js';
import { FakeOpenStack } from './fakes/fake-openstack.js';

runDriverContract('openstack (Keystone, Nova, Glance, Designate against a local endpoint)', async () => {
  const fake = await new FakeOpenStack().start();
  fake.addServer('5f0c0000-0000-4000-8000-000000000001', '192.168.0.5');
  const adapter = new OpenStackAdapter({
    ...loadConfig({}).providers.openstack,
    authUrl: `${fake.url}/identity/v3`,
    username: 'cumulus',
    password: 'secret',
    projectId: 'p-1',
    region: 'RegionOne',
    networkId: 'net-1',
    flavorId: 'm1.medium',
    dnsZoneId: 'zone-1',
    dnsZone: 'apps.example.',
    pollMs: 5,
    timeoutMs: 5000,
  });
  return {
    source: adapter,
    target: adapter,
    sourceSite: {
      providerId: 'openstack',
      regionCode: 'RegionOne',
      resourceId: '5f0c0000-0000-4000-8000-000000000001',
      address: '192.168.0.5',
    },
    targetSite: { providerId: 'openstack', regionCode: 'RegionOne', resourceId: null, address: null },
    formats: { from: 'QCOW2', to: 'RAW' },
    effects: async () => fake.effects,
    failNext: (kind) => fake.failNext(kind),
    close: () => fake.stop(),
  };
});

describe('openstack capacity', () => {
  it('reads the project limits as capacity', async () => {
    const fake = await new FakeOpenStack().start();
    const adapter = new OpenStackAdapter({
      ...loadConfig({}).providers.openstack,
      authUrl: `${fake.url}/identity/v3`,
      username: 'u',
      password: 'p',
      projectId: 'p-1',
    });
    // maxTotalRAMSize 512,000 MiB = 500 GiB, totalRAMUsed 98,304 MiB = 96 GiB.
    await expect(adapter.capacity('RegionOne')).resolves.toMatchObject({
      totalVcpu: 200,
      usedVcpu: 24,
      totalMemoryGib: 500,
      usedMemoryGib: 96,
    });
    await fake.stop();
  });
});
