import {
  CreateImageCommand,
  CreateSecurityGroupCommand,
  DescribeExportImageTasksCommand,
  DescribeImagesCommand,
  DescribeImportImageTasksCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  type Tag,
} from '@aws-sdk/client-ec2';
import { permanent, retryable } from '../provider-port.js';
import { COMPONENT_TAG, errorCode, KEY_TAG, toProviderError } from './aws-clients.js';

export const tags = (key: string, component: string, extra: Tag[] = []): Tag[] => [
  { Key: KEY_TAG, Value: key },
  { Key: COMPONENT_TAG, Value: component },
  ...extra,
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs an SDK call and types its error. */
export async function aws<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toProviderError(error, operation);
  }
}

/** Runs a call whose "already gone" errors mean the undoing is done. */
export async function awsGone(
  operation: string,
  gone: readonly string[],
  call: () => Promise<unknown>,
): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (gone.includes(errorCode(error))) return;
    throw toProviderError(error, operation);
  }
}

/** CreateSecurityGroup has no ClientToken: the group is found by its key tag first. */
export async function ensureSecurityGroup(
  ec2: EC2Client,
  key: string,
  component: string,
  name: string,
): Promise<string> {
  const found = await findSecurityGroup(ec2, key);
  if (found) return found;
  const created = await aws('CreateSecurityGroup', () =>
    ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: name,
        Description: `Cumulus migration target for ${component}`,
        TagSpecifications: [{ ResourceType: 'security-group', Tags: tags(key, component) }],
      }),
    ),
  );
  return created.GroupId!;
}

export async function findSecurityGroup(ec2: EC2Client, key: string): Promise<string | null> {
  const out = await aws('DescribeSecurityGroups', () =>
    ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: `tag:${KEY_TAG}`, Values: [key] }] })),
  );
  return out.SecurityGroups?.[0]?.GroupId ?? null;
}

/** CreateImage names must be unique per account: a name derived from the key makes it idempotent. */
export async function ensureImage(
  ec2: EC2Client,
  instanceId: string,
  name: string,
  key: string,
  component: string,
) {
  const existing = await aws('DescribeImages', () =>
    ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: [name] }] })),
  );
  const found = existing.Images?.[0]?.ImageId;
  if (found) return found;
  const created = await aws('CreateImage', () =>
    ec2.send(
      new CreateImageCommand({
        InstanceId: instanceId,
        Name: name,
        NoReboot: false,
        TagSpecifications: [{ ResourceType: 'image', Tags: tags(key, component) }],
      }),
    ),
  );
  return created.ImageId!;
}

/** The instance serving a component: the deployment's id, else the one tagged with the component. */
export async function sourceInstance(
  ec2: EC2Client,
  resourceId: string | null,
  component: string,
): Promise<string> {
  if (resourceId) return resourceId.split(',')[0];
  const out = await aws('DescribeInstances', () =>
    ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: `tag:${COMPONENT_TAG}`, Values: [component] },
          { Name: 'instance-state-name', Values: ['running', 'stopped', 'stopping', 'pending'] },
        ],
      }),
    ),
  );
  const id = out.Reservations?.flatMap((r) => r.Instances ?? [])[0]?.InstanceId;
  if (!id) throw permanent(`no EC2 instance serves ${component}`, 'NOT_FOUND');
  return id;
}

export interface PollOptions {
  readonly pollMs: number;
  readonly timeoutMs: number;
}

/** Waits for an import task; a timeout is retryable (the next attempt finds the same task). */
export async function waitForImport(ec2: EC2Client, taskId: string, poll: PollOptions): Promise<string> {
  const until = Date.now() + poll.timeoutMs;
  for (;;) {
    const out = await aws('DescribeImportImageTasks', () =>
      ec2.send(new DescribeImportImageTasksCommand({ ImportTaskIds: [taskId] })),
    );
    const task = out.ImportImageTasks?.[0];
    if (task?.Status === 'completed' && task.ImageId) return task.ImageId;
    if (task?.Status === 'deleted' || task?.Status === 'deleting')
      throw permanent(`import ${taskId} ended: ${task.StatusMessage ?? task.Status}`, 'IMPORT_FAILED');
    if (Date.now() > until)
      throw retryable(`import ${taskId} still ${task?.Status ?? 'unknown'}`, 'NOT_READY');
    await sleep(poll.pollMs);
  }
}

export async function waitForExport(ec2: EC2Client, taskId: string, poll: PollOptions): Promise<void> {
  const until = Date.now() + poll.timeoutMs;
  for (;;) {
    const out = await aws('DescribeExportImageTasks', () =>
      ec2.send(new DescribeExportImageTasksCommand({ ExportImageTaskIds: [taskId] })),
    );
    const task = out.ExportImageTasks?.[0];
    if (task?.Status === 'completed') return;
    if (task?.Status === 'deleted' || task?.Status === 'deleting')
      throw permanent(`export ${taskId} ended: ${task.StatusMessage ?? task.Status}`, 'EXPORT_FAILED');
    if (Date.now() > until)
      throw retryable(`export ${taskId} still ${task?.Status ?? 'unknown'}`, 'NOT_READY');
    await sleep(poll.pollMs);
  }
}
