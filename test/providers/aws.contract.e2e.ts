import { loadConfig } from '../../src/config/config.js';
import { AwsAdapter } from '../../src/providers/aws/aws.adapter.js';
import { runDriverContract } from './contract.js';
import { FakeAws } from './fakes/fake-aws.js';

runDriverContract('aws (SDK v3 against a local EC2/S3/Route 53 endpoint)', async () => {
  const fake = await new FakeAws().start();
  fake.addInstance('i-0source', '10.1.0.5');
  const base = loadConfig({}).providers.aws;
  const adapter = new AwsAdapter({
    ...base,
    endpoint: fake.url,
    region: 'eu-west-1',
    accessKeyId: 'AKIDTEST',
    secretAccessKey: 'secret',
    stagingBucket: 'cumulus-staging',
    hostedZoneId: 'Z0TESTZONE',
    dnsZone: 'apps.example',
    importPollMs: 5,
    importTimeoutMs: 5000,
  });
  return {
    source: adapter,
    target: adapter,
    sourceSite: { providerId: 'aws', regionCode: 'eu-west-1', resourceId: 'i-0source', address: '10.1.0.5' },
    targetSite: { providerId: 'aws', regionCode: 'eu-central-1', resourceId: null, address: null },
    formats: { from: 'VMDK', to: 'VMDK' },
    effects: async () => fake.effects,
    failNext: (kind) => fake.failNext(kind),
    close: () => fake.stop(),
  };
});
