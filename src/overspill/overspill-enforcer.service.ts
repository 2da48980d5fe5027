import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TERMINAL } from '../domain/migration/migration-state-machine.js';
import type { MigrationState } from '../domain/migration/migration-types.js';
import type { OverspillDecision, OverspillMove } from '../domain/overspill/overspill-types.js';
import type { ProgressEvent } from '../migration/migration-events.service.js';
import { MigrationService, type MigrationActor } from '../migration/migration.service.js';
import type { OverspillPolicyEntity } from './entities/overspill-policy.entity.js';
import { OverspillBurstRepository, type OpenBurst } from './overspill-burst.repository.js';
import { LeakTerminator } from './leak-terminator.js';
import type { GatheredInputs } from './overspill-inputs.service.js';

export interface MoveOutcome {
  readonly kind: OverspillMove['kind'];
  readonly workloadId: string;
  readonly migrationId: string | null;
  readonly status: 'STARTED' | 'FAILED';
  readonly error: string | null;
}

export interface EnforceOutcome {
  readonly moves: MoveOutcome[];
  readonly leasesRenewed: number;
  readonly leaksTerminated: string[];
  readonly leakErrors: string[];
}

const MINUTE_MS = 60_000;
const NOT_STARTED: readonly MigrationState[] = ['PLANNED', 'APPROVED'];
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The system actor: operator rights, so migrations above the admin approval limit wait for a person. */
export const systemActor = (tenant: string): MigrationActor => ({
  tenant,
  name: 'system:overspill',
  role: 'operator',
});

/**
 * Carries out ENFORCE decisions through the migration service (a burst = a migration from the
 * site to the target, a recall = one back) and keeps the burst rows in line with the migrations:
 * a burst becomes ACTIVE, with its lease, only once its migration COMPLETED (the target started
 * and verified its instance); it is ABANDONED if the migration ended any other way.
 */
@Injectable()
export class OverspillEnforcer implements OnModuleDestroy {
  private readonly logger = new Logger(OverspillEnforcer.name);
  private readonly watchers = new Set<AsyncIterableIterator<ProgressEvent>>();

  constructor(
    private readonly migrations: MigrationService,
    private readonly bursts: OverspillBurstRepository,
    private readonly leaks: LeakTerminator,
  ) {}

  async onModuleDestroy(): Promise<void> {
    for (const w of [...this.watchers]) await w.return?.();
  }

  /**
   * Settles every open burst whose migration has finished (or never started: its tick died).
   * True when any burst changed (the caller re-reads them).
   */
  async settle(policy: OverspillPolicyEntity, open: readonly OpenBurst[]): Promise<boolean> {
    let changed = false;
    for (const o of open) changed = (await this.settleOne(policy, o)) || changed;
    return changed;
  }

  async carryOut(
    policy: OverspillPolicyEntity,
    decisionId: string,
    decision: OverspillDecision,
    gathered: GatheredInputs,
  ): Promise<EnforceOutcome> {
    const moves: MoveOutcome[] = [];
    for (const [index, move] of decision.moves.entries()) {
      moves.push(
        move.kind === 'BURST'
          ? await this.burst(policy, decisionId, decision.decidedAt, move, index)
          : await this.recall(policy, decisionId, decision.decidedAt, move, gathered),
      );
    }
    await this.bursts.renewLeases(policy.id, decision.leaseRenewals);
    const leaks = await this.leaks.terminate(decision.leaks);
    return { moves, leasesRenewed: decision.leaseRenewals.length, ...leaks };
  }

  private async burst(
    policy: OverspillPolicyEntity,
    decisionId: string,
    at: Date,
    move: OverspillMove,
    moveIndex: number,
  ): Promise<MoveOutcome> {
    const actor = systemActor(policy.tenant);
    let migrationId: string | null = null;
    let burstId: string | null = null;
    try {
      const planned = await this.migrations.plan(actor, move.workloadId, {
        provider: move.target.provider,
        regions: [move.target.region],
      });
      migrationId = planned.id;
      burstId = randomUUID();
      await this.bursts.openBurst({
        id: burstId,
        policyId: policy.id,
        tenant: policy.tenant,
        workloadId: move.workloadId,
        targetProvider: move.target.provider,
        targetRegion: move.target.region,
        vcpu: move.vcpu,
        memoryGib: move.memoryGib,
        costPerDayUsd: move.costPerDayUsd,
        moveIndex,
        burstDecisionId: decisionId,
        burstMigrationId: planned.id,
        decidedAt: at,
      });
      await this.migrations.approve(actor, planned.id);
      await this.migrations.start(actor, planned.id);
      await this.watch(policy, planned.id);
      return { kind: 'BURST', workloadId: move.workloadId, migrationId, status: 'STARTED', error: null };
    } catch (error) {
      this.logger.warn(`policy ${policy.site}: burst of ${move.workloadId} not started: ${message(error)}`);
      if (migrationId) await this.migrations.cancel(actor, migrationId).catch(() => undefined);
      if (burstId) await this.bursts.abandon(burstId, `not started: ${message(error)}`);
      return {
        kind: 'BURST',
        workloadId: move.workloadId,
        migrationId,
        status: 'FAILED',
        error: message(error),
      };
    }
  }

  private async recall(
    policy: OverspillPolicyEntity,
    decisionId: string,
    at: Date,
    move: OverspillMove,
    gathered: GatheredInputs,
  ): Promise<MoveOutcome> {
    const actor = systemActor(policy.tenant);
    const open = gathered.open.find(
      (o) => o.burst.workloadId === move.workloadId && o.burst.status === 'ACTIVE',
    );
    let migrationId: string | null = null;
    let recalling = false;
    try {
      if (!open) throw new Error(`no active burst of ${move.workloadId}`);
      const planned = await this.migrations.plan(actor, move.workloadId, {
        provider: gathered.site.provider,
        regions: [gathered.site.region],
      });
      migrationId = planned.id;
      recalling = await this.bursts.startRecall(open.burst.id, decisionId, planned.id, at);
      if (!recalling) throw new Error(`the burst of ${move.workloadId} is no longer ACTIVE`);
      await this.migrations.approve(actor, planned.id);
      await this.migrations.start(actor, planned.id);
      await this.watch(policy, planned.id);
      return { kind: 'RECALL', workloadId: move.workloadId, migrationId, status: 'STARTED', error: null };
    } catch (error) {
      this.logger.warn(`policy ${policy.site}: recall of ${move.workloadId} not started: ${message(error)}`);
      if (migrationId) await this.migrations.cancel(actor, migrationId).catch(() => undefined);
      if (recalling && open)
        await this.bursts.recallFailed(open.burst.id, `recall not started: ${message(error)}`);
      return {
        kind: 'RECALL',
        workloadId: move.workloadId,
        migrationId,
        status: 'FAILED',
        error: message(error),
      };
    }
  }

  private async settleOne(policy: OverspillPolicyEntity, o: OpenBurst): Promise<boolean> {
    const b = o.burst;
    const state = o.migrationState;
    const at = o.migrationFinishedAt ?? new Date();
    const migrationId = b.status === 'RECALLING' ? b.recallMigrationId : b.burstMigrationId;
    if (b.status === 'ACTIVE' || state === null || migrationId === null) return false;
    if (NOT_STARTED.includes(state))
      await this.migrations.cancel(systemActor(policy.tenant), migrationId).catch(() => undefined);
    else if (!TERMINAL.includes(state)) return false;
    const ended = `migration ${migrationId} ended ${NOT_STARTED.includes(state) ? 'before it started' : state}`;
    if (b.status === 'BURSTING')
      return state === 'COMPLETED'
        ? this.bursts.activate(b.id, at, new Date(at.getTime() + policy.leaseMinutes * MINUTE_MS))
        : this.bursts.abandon(b.id, ended);
    return state === 'COMPLETED' ? this.bursts.endRecall(b.id, at) : this.bursts.recallFailed(b.id, ended);
  }

  /**
   * Settles the burst as soon as its migration finishes (MigrationService.progress: NOTIFY on a
   * server, so it works whichever replica's worker finishes it). The next tick settles it anyway.
   */
  private async watch(policy: OverspillPolicyEntity, migrationId: string): Promise<void> {
    const events = await this.migrations.progress(systemActor(policy.tenant), migrationId);
    this.watchers.add(events);
    void (async () => {
      try {
        for await (const event of events) {
          if (!TERMINAL.includes(event.state)) continue;
          const open = await this.bursts.openBursts(policy.id);
          const mine = open.find(
            (o) => o.burst.burstMigrationId === migrationId || o.burst.recallMigrationId === migrationId,
          );
          if (mine) await this.settleOne(policy, mine);
          break;
        }
      } catch (error) {
        this.logger.warn(`settling after migration ${migrationId}: ${message(error)}`);
      } finally {
        this.watchers.delete(events);
        await events.return?.();
      }
    })();
  }
}
