import { Injectable } from '@nestjs/common';
import { money, toNumericString } from '../domain/money.js';
import type { SiteCapacity } from '../domain/overspill/overspill-types.js';
import type { Actor } from '../workloads/workload.service.js';
import type { OverspillDecisionEntity } from './entities/overspill-decision.entity.js';
import type { OverspillPolicyEntity } from './entities/overspill-policy.entity.js';
import { OverspillBurstRepository, type OpenBurst } from './overspill-burst.repository.js';
import { OverspillDecisionRepository } from './overspill-decision.repository.js';
import { OverspillInputsService } from './overspill-inputs.service.js';
import { OverspillPolicyService } from './overspill-policy.service.js';

export interface SiteStatus {
  readonly site: string;
  readonly capacity: SiteCapacity;
  readonly policy: OverspillPolicyEntity | null;
  /** Bursts out now (ACTIVE) and moves in flight (BURSTING, RECALLING). */
  readonly bursts: readonly OpenBurst[];
  readonly vcpuOut: number;
  /** Cost per day of the ACTIVE bursts, USD. */
  readonly costPerDayUsd: string;
  readonly lastDecision: OverspillDecisionEntity | null;
}

/** A site now: capacity through its adapter, the policy's bursts with their leases, the last decision. */
@Injectable()
export class OverspillStatusService {
  constructor(
    private readonly policies: OverspillPolicyService,
    private readonly bursts: OverspillBurstRepository,
    private readonly decisions: OverspillDecisionRepository,
    private readonly inputs: OverspillInputsService,
  ) {}

  async status(actor: Actor, rawSite: string): Promise<SiteStatus> {
    const site = await this.policies.checkSite(rawSite, 'site');
    const [capacity, policy] = await Promise.all([
      this.inputs.capacityOf(site),
      this.policies.forSite(actor, site.id),
    ]);
    const [open, lastDecision] = policy
      ? await Promise.all([this.bursts.openBursts(policy.id), this.decisions.lastDecided(policy.id)])
      : [[], null];
    const active = open.filter((o) => o.burst.status === 'ACTIVE');
    return {
      site: site.id,
      capacity,
      policy,
      bursts: open,
      vcpuOut: active.reduce((sum, o) => sum + o.burst.vcpu, 0),
      costPerDayUsd: toNumericString(active.reduce((sum, o) => sum.add(o.burst.costPerDayUsd), money(0))),
      lastDecision,
    };
  }
}
