import { ChangeResourceRecordSetsCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { ProvidersConfig } from '../../config/config.js';
import { permanent } from '../provider-port.js';
import { errorCode, toProviderError, type AwsClients } from './aws-clients.js';
import { aws } from './aws-ec2.js';

/** The S3 staging bucket and the Route 53 zone, as the AWS adapter's steps use them. */
export class AwsStagingAndDns {
  constructor(
    private readonly clients: AwsClients,
    private readonly config: ProvidersConfig['aws'],
  ) {}

  hostedZone(): string {
    if (!this.config.hostedZoneId) throw permanent('CUMULUS_AWS_HOSTED_ZONE_ID is not set', 'NOT_CONFIGURED');
    return this.config.hostedZoneId;
  }

  async currentAddress(record: string): Promise<string | null> {
    const out = await aws('ListResourceRecordSets', () =>
      this.clients.route53.send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: this.hostedZone(),
          StartRecordName: record,
          StartRecordType: 'A',
          MaxItems: 1,
        }),
      ),
    );
    const set = out.ResourceRecordSets?.[0];
    return set && set.Name === record && set.Type === 'A' ? (set.ResourceRecords?.[0]?.Value ?? null) : null;
  }

  /** UPSERT is idempotent: the same record set twice is one change. */
  async upsert(record: string, address: string, key: string): Promise<void> {
    await aws('ChangeResourceRecordSets', () =>
      this.clients.route53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: this.hostedZone(),
          ChangeBatch: {
            Comment: `cumulus ${key}`,
            Changes: [
              {
                Action: 'UPSERT',
                ResourceRecordSet: {
                  Name: record,
                  Type: 'A',
                  TTL: 60,
                  ResourceRecords: [{ Value: address }],
                },
              },
            ],
          },
        }),
      ),
    );
  }

  async headObject(objectKey: string): Promise<Record<string, string> | null> {
    try {
      const out = await this.clients.s3.send(
        new HeadObjectCommand({ Bucket: this.config.stagingBucket, Key: objectKey }),
      );
      return out.Metadata ?? {};
    } catch (error) {
      if (['NotFound', 'NoSuchKey'].includes(errorCode(error))) return null;
      throw toProviderError(error, 'HeadObject');
    }
  }

  async deleteObject(objectKey: string): Promise<void> {
    await aws('DeleteObject', () =>
      this.clients.s3.send(new DeleteObjectCommand({ Bucket: this.config.stagingBucket, Key: objectKey })),
    );
  }
}
