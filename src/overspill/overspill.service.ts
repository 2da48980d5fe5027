import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/errors.js';
import type { Actor } from '../workloads/workload.service.js';
import type { OverspillDecisionEntity } from './entities/overspill-decision.entity.js';
import { OverspillDecisionRepository } from './overspill-decision.repository.js';
import { OverspillPolicyService } from './overspill-policy.service.js';
import { OverspillTickService } from './overspill-tick.service.js';

const MAX_DECISIONS = 5000;

/** Ticks on demand and the decisions log, for the tenant's policies. */
@Injectable()
export class OverspillService {
  constructor(
    private readonly policies: OverspillPolicyService,
    private readonly ticks: OverspillTickService,
    private readonly decisions: OverspillDecisionRepository,
  ) {}

  /** A tick now, through the same lock and claim as a scheduled one. */
  async runTick(actor: Actor, policyId: string): Promise<OverspillDecisionEntity> {
    return this.ticks.tickNow(await this.policies.get(actor, policyId));
  }

  async decisionsOf(
    actor: Actor,
    policyId: string,
    from: Date | null,
    to: Date | null,
    limit = 1000,
  ): Promise<OverspillDecisionEntity[]> {
    if (from && to && to < from) throw new InvalidInputError('to is before from', 'to');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DECISIONS)
      throw new InvalidInputError(`limit must be between 1 and ${MAX_DECISIONS}`, 'limit');
    const policy = await this.policies.get(actor, policyId);
    return this.decisions.listForPolicy(policy.id, from, to, limit);
  }
}
