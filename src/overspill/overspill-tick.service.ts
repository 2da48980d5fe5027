import { Inject, Injectable, Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { decideOverspill } from '../domain/overspill/decide-overspill.js';
import type { OverspillDecision } from '../domain/overspill/overspill-types.js';
import { AdvisoryLockService } from '../database/advisory-lock.service.js';
import type { OverspillDecisionEntity, TickTrigger } from './entities/overspill-decision.entity.js';
import type { OverspillPolicyEntity } from './entities/overspill-policy.entity.js';
import { OverspillBurstRepository } from './overspill-burst.repository.js';
import { OverspillDecisionRepository } from './overspill-decision.repository.js';
import { OverspillEnforcer } from './overspill-enforcer.service.js';
import { historyToJson } from './overspill-history.codec.js';
import { OverspillInputsService } from './overspill-inputs.service.js';
import { OverspillPolicyRepository } from './overspill-policy.repository.js';

export type TickResult =
  | { readonly status: 'DECIDED' | 'FAILED'; readonly decision: OverspillDecisionEntity }
  | { readonly status: 'ALREADY_DECIDED' | 'BUSY' | 'NO_POLICY' };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * One tick of one policy, on exactly one replica. Ticks of a policy are serialised by an advisory
 * lock on the policy (the history one tick writes is what the next reads), and each tick is
 * claimed by inserting its decision row: (policy_id, tick_at) is unique, so when two replicas fire
 * the same cron tick, the second finds the row and does nothing. The decision and its history are
 * committed together before anything is moved; ENFORCE then starts the migrations and records
 * what happened in the decision's outcome.
 */
@Injectable()
export class OverspillTickService {
  private readonly logger = new Logger(OverspillTickService.name);
  /** Who claimed a tick, in the decisions log. */
  readonly replicaId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

  constructor(
    private readonly locks: AdvisoryLockService,
    private readonly policies: OverspillPolicyRepository,
    private readonly decisions: OverspillDecisionRepository,
    private readonly bursts: OverspillBurstRepository,
    private readonly inputs: OverspillInputsService,
    private readonly enforcer: OverspillEnforcer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async tick(policyId: string, tickAt: Date, trigger: TickTrigger): Promise<TickResult> {
    const locked = await this.locks.run(
      `overspill-policy:${policyId}`,
      this.config.overspill.lockWaitMs,
      () => this.tickLocked(policyId, tickAt, trigger),
    );
    return locked.acquired ? locked.value : { status: 'BUSY' };
  }

  /** An operator's tick now: the decision, or why there is none. */
  async tickNow(policy: OverspillPolicyEntity, now = new Date()): Promise<OverspillDecisionEntity> {
    const result = await this.tick(policy.id, now, 'MANUAL');
    if (result.status === 'DECIDED' || result.status === 'FAILED') return result.decision;
    if (result.status === 'NO_POLICY') throw new NotFoundError(`overspill policy ${policy.id} not found`);
    throw new ConflictError(
      `a tick of the policy for ${policy.site} is still running (on this or another replica): try again`,
    );
  }

  private async tickLocked(policyId: string, tickAt: Date, trigger: TickTrigger): Promise<TickResult> {
    const policy = await this.policies.findById(policyId);
    if (!policy) return { status: 'NO_POLICY' };
    const claim = await this.decisions.claimTick({
      policyId,
      tenant: policy.tenant,
      site: policy.site,
      tickAt,
      trigger,
      mode: policy.mode,
      claimedBy: this.replicaId,
    });
    if (!claim) return { status: 'ALREADY_DECIDED' };
    let decided: OverspillDecisionEntity | null = null;
    try {
      const open = await this.bursts.openBursts(policy.id);
      const settled = await this.enforcer.settle(policy, open);
      const now = new Date();
      const gathered = await this.inputs.gather(policy, now, settled ? null : open);
      const decision = decideOverspill(gathered.input, now);
      const summary = { ...gathered.summary, movedNames: namesOf(decision, gathered.names) };
      decided = await this.decisions.recordDecided(claim.id, this.fieldsOf(decision, summary), {
        policyId: policy.id,
        mode: policy.mode,
        value: decision.nextHistory,
      });
      this.alert(policy, decision);
      if (decision.dryRun) return { status: 'DECIDED', decision: decided };
      const outcome = await this.enforcer.carryOut(policy, claim.id, decision, gathered);
      return {
        status: 'DECIDED',
        decision: await this.decisions.recordOutcome(claim.id, { ...outcome }),
      };
    } catch (error) {
      this.logger.error(
        `overspill tick of ${policy.site} at ${tickAt.toISOString()} failed: ${message(error)}`,
      );
      if (decided) {
        const outcome = { error: `carrying out the decision failed: ${message(error)}` };
        return { status: 'FAILED', decision: await this.decisions.recordOutcome(claim.id, outcome) };
      }
      return { status: 'FAILED', decision: await this.decisions.failTick(claim.id, message(error)) };
    }
  }

  private fieldsOf(decision: OverspillDecision, summary: Record<string, unknown>) {
    return {
      action: decision.action,
      workloads: [...decision.workloads],
      reasons: [...decision.reasons],
      utilisation: decision.utilisation,
      projectedUtilisation: decision.projectedUtilisation,
      projectedVcpuOut: decision.projectedVcpuOut,
      projectedCostPerDayUsd: decision.projectedCostPerDayUsd,
      inputs: summary,
      decision: JSON.parse(
        JSON.stringify({ ...decision, nextHistory: historyToJson(decision.nextHistory) }),
      ) as Record<string, unknown>,
      outcome: decision.dryRun ? { dryRun: true } : null,
    };
  }

  /** Leases that lapsed and bursts the target does not show need a person; leaks are logged as they are ended. */
  private alert(policy: OverspillPolicyEntity, d: OverspillDecision): void {
    for (const e of d.expiredLeases) this.logger.warn(`overspill ${policy.site}: ${e.reason}`);
    for (const m of d.missingBursts) this.logger.error(`overspill ${policy.site}: ${m.reason}`);
    if (d.dryRun)
      for (const l of d.leaks) this.logger.warn(`overspill ${policy.site} (dry run): leak ${l.reason}`);
  }
}

function namesOf(decision: OverspillDecision, names: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries(decision.workloads.map((id) => [id, names.get(id) ?? id]));
}
