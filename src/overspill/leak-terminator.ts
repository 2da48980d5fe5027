import { Injectable, Logger } from '@nestjs/common';
import type { LeakedInstance } from '../domain/overspill/overspill-types.js';
import type { StepCall } from '../providers/provider-port.js';
import { ProviderRegistry } from '../providers/provider-registry.service.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Ends instances that no burst accounts for (idle cloud nodes left billing). The port's one call
 * that deletes a machine is the stopAndDeleteTarget compensation, so a leak is undone as if a
 * step had created it: the "output" names the instance the way every adapter reads it (vmId for
 * the simulated one, instanceIds for AWS, serverIds for OpenStack). The key is per instance, so a
 * repeated termination is a no-op at the adapter.
 */
@Injectable()
export class LeakTerminator {
  private readonly logger = new Logger(LeakTerminator.name);

  constructor(private readonly providers: ProviderRegistry) {}

  async terminate(
    leaks: readonly LeakedInstance[],
  ): Promise<{ leaksTerminated: string[]; leakErrors: string[] }> {
    const leaksTerminated: string[] = [];
    const leakErrors: string[] = [];
    for (const leak of leaks) {
      for (const instanceId of leak.instanceId.split('+')) {
        const where = `${leak.provider}/${leak.region}/${instanceId}`;
        try {
          const driver = await this.providers.driverFor(leak.provider);
          await driver.stopAndDeleteTarget(this.call(leak, instanceId));
          leaksTerminated.push(where);
          this.logger.warn(`terminated leaked instance ${where}: ${leak.reason}`);
        } catch (error) {
          leakErrors.push(`${where}: ${message(error)}`);
          this.logger.error(`leaked instance ${where} could not be terminated: ${message(error)}`);
        }
      }
    }
    return { leaksTerminated, leakErrors };
  }

  private call(leak: LeakedInstance, instanceId: string): StepCall {
    const key = `overspill-leak:${leak.provider}:${leak.region}:${instanceId}`;
    const site = {
      providerId: leak.provider,
      regionCode: leak.region,
      resourceId: instanceId,
      address: null,
    };
    return {
      key,
      migrationId: 'overspill-reconcile',
      attempt: 1,
      component: {
        workloadId: leak.workloadId ?? 'unknown',
        workloadName: leak.workloadId ?? 'unknown',
        name: 'leaked-instance',
        count: 1,
        vcpu: 0,
        memoryGib: 0,
        storageGib: 0,
        targetInstanceType: null,
      },
      source: site,
      target: site,
      params: {},
      outputs: {},
      undoes: {
        key: `${key}:found`,
        output: { vmId: instanceId, instanceIds: [instanceId], serverIds: [instanceId] },
      },
    };
  }
}
