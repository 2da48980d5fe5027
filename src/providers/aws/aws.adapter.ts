import {
  DeleteSecurityGroupCommand,
  DeregisterImageCommand,
  DescribeImportImageTasksCommand,
  DescribeInstanceStatusCommand,
  ExportImageCommand,
  ImportImageCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type DiskImageFormat,
} from '@aws-sdk/client-ec2';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { ProvidersConfig } from '../../config/config.js';
import type { ImageFormat, StepOutput } from '../../domain/migration/migration-types.js';
import { permanent, retryable, type MigrationDriver, type StepCall } from '../provider-port.js';
import { clientToken, createAwsClients, KEY_TAG, type AwsClients } from './aws-clients.js';
import { AwsStagingAndDns } from './aws-staging-dns.js';
import {
  aws,
  awsGone,
  ensureImage,
  ensureSecurityGroup,
  findSecurityGroup,
  sourceInstance,
  tags,
  waitForExport,
  waitForImport,
} from './aws-ec2.js';

const str = (o: StepOutput | null | undefined, f: string) => (typeof o?.[f] === 'string' ? o[f] : null);
const list = (o: StepOutput | null | undefined, f: string) =>
  Array.isArray(o?.[f]) ? (o[f] as string[]) : [];
const short = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16);
const componentOf = (call: StepCall) => `${call.component.workloadId}/${call.component.name}`;
/** VM Import/Export reads and writes these; QCOW2 must be converted before it reaches AWS. */
const VM_IMPORT_FORMATS: readonly ImageFormat[] = ['VMDK', 'VHD', 'RAW'];
const EXTENSION: Record<ImageFormat, string> = { VMDK: 'vmdk', VHD: 'vhd', RAW: 'raw', QCOW2: 'qcow2' };

/**
 * AWS through the SDK v3: EC2 (security group, CreateImage/ExportImage, ImportImage,
 * RunInstances), S3 for the transferred disk, Route 53 for the traffic switch. Idempotency: the
 * ClientToken where the API has one (ImportImage, RunInstances, ExportImage), a key tag or a
 * name derived from the key elsewhere, and "already in that state / already gone" as success.
 */
export class AwsAdapter implements MigrationDriver {
  readonly adapterId = 'aws';
  readonly imageFormat: ImageFormat = 'VMDK';
  private readonly clients: AwsClients;
  private readonly edge: AwsStagingAndDns;
  private readonly poll: { pollMs: number; timeoutMs: number };

  constructor(private readonly config: ProvidersConfig['aws']) {
    this.clients = createAwsClients(config);
    this.edge = new AwsStagingAndDns(this.clients, config);
    this.poll = { pollMs: config.importPollMs, timeoutMs: config.importTimeoutMs };
  }

  prepareTarget = async (call: StepCall): Promise<StepOutput> => ({
    securityGroupId: await ensureSecurityGroup(
      this.clients.ec2,
      call.key,
      componentOf(call),
      `cumulus-${short(call.key)}`,
    ),
  });

  releaseTarget = async (call: StepCall): Promise<StepOutput> => {
    const id =
      str(call.undoes?.output, 'securityGroupId') ??
      (await findSecurityGroup(this.clients.ec2, call.undoes!.key));
    if (id)
      await awsGone('DeleteSecurityGroup', ['InvalidGroup.NotFound'], () =>
        this.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: id })),
      );
    return { securityGroupId: id };
  };

  stopSource = async (call: StepCall): Promise<StepOutput> => {
    const id = await sourceInstance(this.clients.ec2, call.source.resourceId, componentOf(call));
    await aws('StopInstances', () => this.clients.ec2.send(new StopInstancesCommand({ InstanceIds: [id] })));
    return { instanceId: id };
  };

  startSource = async (call: StepCall): Promise<StepOutput> => {
    const id =
      str(call.undoes?.output, 'instanceId') ??
      (await sourceInstance(this.clients.ec2, call.source.resourceId, componentOf(call)));
    await aws('StartInstances', () =>
      this.clients.ec2.send(new StartInstancesCommand({ InstanceIds: [id] })),
    );
    return { instanceId: id };
  };

  /** An AMI of the source (named after the key), exported to S3 in the wanted disk format. */
  snapshotSource = async (call: StepCall): Promise<StepOutput> => {
    const instanceId = await sourceInstance(this.clients.ec2, call.source.resourceId, componentOf(call));
    const imageId = await ensureImage(
      this.clients.ec2,
      instanceId,
      `cumulus-${short(call.key)}`,
      call.key,
      componentOf(call),
    );
    const format = String(call.params.format ?? 'VMDK') as ImageFormat;
    if (!VM_IMPORT_FORMATS.includes(format))
      throw permanent(`AWS exports VMDK, VHD or RAW, not ${format}`, 'UNSUPPORTED_FORMAT');
    const prefix = `cumulus-exports/${short(call.key)}/`;
    const task = await aws('ExportImage', () =>
      this.clients.ec2.send(
        new ExportImageCommand({
          ClientToken: clientToken(call.key),
          ImageId: imageId,
          DiskImageFormat: format as DiskImageFormat,
          S3ExportLocation: { S3Bucket: this.config.stagingBucket, S3Prefix: prefix },
          TagSpecifications: [{ ResourceType: 'export-image-task', Tags: tags(call.key, componentOf(call)) }],
        }),
      ),
    );
    await waitForExport(this.clients.ec2, task.ExportImageTaskId!, this.poll);
    const objectKey = `${prefix}${task.ExportImageTaskId}.${EXTENSION[format]}`;
    return {
      imageId,
      exportTaskId: task.ExportImageTaskId!,
      bucket: this.config.stagingBucket,
      objectKey,
      format,
      sizeGib: call.component.storageGib * call.component.count,
    };
  };

  deleteSnapshot = async (call: StepCall): Promise<StepOutput> => {
    const out = call.undoes?.output;
    const imageId = str(out, 'imageId');
    if (imageId)
      await awsGone('DeregisterImage', ['InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable'], () =>
        this.clients.ec2.send(new DeregisterImageCommand({ ImageId: imageId })),
      );
    const objectKey = str(out, 'objectKey');
    if (objectKey) await this.edge.deleteObject(objectKey);
    return { imageId, objectKey };
  };

  /** Puts the exported disk in the staging bucket under a key derived from the step's key. */
  transfer = async (call: StepCall): Promise<StepOutput> => {
    const snapshot = call.outputs.snapshot_source ?? {};
    const format = (str(snapshot, 'format') ?? 'VMDK') as ImageFormat;
    const objectKey = `cumulus-imports/${short(call.key)}.${EXTENSION[format]}`;
    const head = await this.edge.headObject(objectKey);
    if (head?.[KEY_TAG.replace(':', '-')] !== call.key) {
      const url = str(snapshot, 'downloadUrl');
      // A source that serves its export over HTTP streams it; others are described by a manifest.
      const body = url
        ? Buffer.from(await (await fetch(url)).arrayBuffer())
        : JSON.stringify({ snapshot, key: call.key });
      await aws('PutObject', () =>
        this.clients.s3.send(
          new PutObjectCommand({
            Bucket: this.config.stagingBucket,
            Key: objectKey,
            Body: body,
            Metadata: { [KEY_TAG.replace(':', '-')]: call.key, format },
          }),
        ),
      );
    }
    return { bucket: this.config.stagingBucket, objectKey, format, sizeGib: Number(snapshot.sizeGib ?? 0) };
  };

  deleteTransferredObject = async (call: StepCall): Promise<StepOutput> => {
    const objectKey =
      str(call.undoes?.output, 'objectKey') ?? `cumulus-imports/${short(call.undoes!.key)}.${EXTENSION.VMDK}`;
    await this.edge.deleteObject(objectKey);
    return { objectKey };
  };

  /** VM Import converts VMDK, VHD and RAW itself while importing; there is nothing to write here. */
  convertImage = async (call: StepCall): Promise<StepOutput> => {
    const from = String(call.params.fromFormat) as ImageFormat;
    if (!VM_IMPORT_FORMATS.includes(from))
      throw permanent(
        `AWS VM Import reads VMDK, VHD or RAW, not ${from}: convert at the source`,
        'UNSUPPORTED_FORMAT',
      );
    return { format: from, convertedBy: 'vm-import' };
  };

  deleteConvertedImage = async (): Promise<StepOutput> => ({ convertedBy: 'vm-import' });

  importImage = async (call: StepCall): Promise<StepOutput> => {
    const object = call.outputs.transfer;
    const objectKey = str(object, 'objectKey');
    if (!objectKey) throw permanent('nothing was transferred to import', 'MISSING_INPUT');
    const format = str(call.outputs.convert_image, 'format') ?? str(object, 'format') ?? 'VMDK';
    const task = await aws('ImportImage', () =>
      this.clients.ec2.send(
        new ImportImageCommand({
          ClientToken: clientToken(call.key),
          Description: `Cumulus ${componentOf(call)}`,
          DiskContainers: [
            {
              Format: format.toLowerCase(),
              UserBucket: { S3Bucket: this.config.stagingBucket, S3Key: objectKey },
            },
          ],
          TagSpecifications: [{ ResourceType: 'import-image-task', Tags: tags(call.key, componentOf(call)) }],
        }),
      ),
    );
    const imageId = await waitForImport(this.clients.ec2, task.ImportTaskId!, this.poll);
    return { importTaskId: task.ImportTaskId!, imageId };
  };

  deleteImage = async (call: StepCall): Promise<StepOutput> => {
    let imageId = str(call.undoes?.output, 'imageId');
    if (!imageId) {
      const out = await aws('DescribeImportImageTasks', () =>
        this.clients.ec2.send(
          new DescribeImportImageTasksCommand({
            Filters: [{ Name: `tag:${KEY_TAG}`, Values: [call.undoes!.key] }],
          }),
        ),
      );
      imageId = out.ImportImageTasks?.[0]?.ImageId ?? null;
    }
    if (imageId)
      await awsGone('DeregisterImage', ['InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable'], () =>
        this.clients.ec2.send(new DeregisterImageCommand({ ImageId: imageId })),
      );
    return { imageId };
  };

  deltaSync = async (): Promise<StepOutput> => {
    throw permanent(
      'AWS VM Import has no incremental import: plan COLD or BLUE_GREEN for AWS',
      'UNSUPPORTED',
    );
  };

  startTarget = async (call: StepCall): Promise<StepOutput> => {
    const imageId = str(call.outputs.import_image, 'imageId');
    if (!imageId) throw permanent('no imported image to start', 'MISSING_INPUT');
    const group = str(call.outputs.prepare_target, 'securityGroupId');
    const out = await aws('RunInstances', () =>
      this.clients.ec2.send(
        new RunInstancesCommand({
          ClientToken: clientToken(call.key),
          ImageId: imageId,
          InstanceType: (call.component.targetInstanceType ?? 't3.medium') as never,
          MinCount: call.component.count,
          MaxCount: call.component.count,
          ...(group ? { SecurityGroupIds: [group] } : {}),
          ...(this.config.subnetId ? { SubnetId: this.config.subnetId } : {}),
          TagSpecifications: [
            {
              ResourceType: 'instance',
              Tags: tags(call.key, componentOf(call), [{ Key: 'Name', Value: componentOf(call) }]),
            },
          ],
        }),
      ),
    );
    const instances = out.Instances ?? [];
    const ids = instances.map((i) => i.InstanceId!);
    return { instanceIds: ids, resourceId: ids.join(','), address: instances[0]?.PrivateIpAddress ?? null };
  };

  stopAndDeleteTarget = async (call: StepCall): Promise<StepOutput> => {
    const ids = list(call.undoes?.output, 'instanceIds');
    if (ids.length > 0)
      await aws('TerminateInstances', () =>
        this.clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: ids })),
      );
    return { instanceIds: ids };
  };

  verifyHealth = async (call: StepCall): Promise<StepOutput> => {
    const ids = list(call.outputs.start_target, 'instanceIds');
    const out = await aws('DescribeInstanceStatus', () =>
      this.clients.ec2.send(
        new DescribeInstanceStatusCommand({ InstanceIds: ids, IncludeAllInstances: true }),
      ),
    );
    const statuses = out.InstanceStatuses ?? [];
    const healthy =
      statuses.length === ids.length &&
      statuses.every(
        (s) =>
          s.InstanceState?.Name === 'running' &&
          s.InstanceStatus?.Status === 'ok' &&
          s.SystemStatus?.Status === 'ok',
      );
    if (!healthy)
      throw retryable(
        `instances not healthy yet: ${statuses.map((s) => `${s.InstanceId}=${s.InstanceState?.Name}/${s.InstanceStatus?.Status}`).join(', ')}`,
        'NOT_READY',
      );
    return { instanceIds: ids, healthy: true };
  };

  switchTraffic = async (call: StepCall): Promise<StepOutput> => {
    const address = str(call.outputs.start_target, 'address');
    if (!address) throw permanent('the target has no address to switch to', 'MISSING_INPUT');
    const record = `${call.component.name}.${call.component.workloadId}.${this.config.dnsZone}.`;
    // A replay finds the record already switched; the source's own address is then what it was.
    const current = await this.edge.currentAddress(record);
    const previousAddress = current === null || current === address ? call.source.address : current;
    await this.edge.upsert(record, address, call.key);
    return { record, address, previousAddress };
  };

  switchTrafficBack = async (call: StepCall): Promise<StepOutput> => {
    const out = call.undoes?.output;
    const record =
      str(out, 'record') ?? `${call.component.name}.${call.component.workloadId}.${this.config.dnsZone}.`;
    const previous = str(out, 'previousAddress');
    if (previous) await this.edge.upsert(record, previous, call.key);
    return { record, address: previous };
  };

  decommissionSource = async (call: StepCall): Promise<StepOutput> => {
    const id = await sourceInstance(this.clients.ec2, call.source.resourceId, componentOf(call));
    await aws('TerminateInstances', () =>
      this.clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] })),
    );
    return { instanceId: id };
  };
}
