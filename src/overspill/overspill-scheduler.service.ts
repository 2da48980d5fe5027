import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import cron, { type ScheduledTask } from 'node-cron';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OverspillPolicyRepository } from './overspill-policy.repository.js';
import { OverspillTickService, type TickResult } from './overspill-tick.service.js';

/** What this replica did with one cron tick (kept in memory, newest last, for status and tests). */
export interface FiredTick {
  readonly policyId: string;
  readonly tickAt: Date;
  readonly status: TickResult['status'] | 'ERROR';
}

const RECENT = 1000;

/**
 * One node-cron task per policy (UTC), in the service only: the CLI's application context has
 * no HTTP server and never schedules. Every replica schedules every policy; OverspillTickService
 * makes each tick happen once. Tasks follow the policies: reloaded at once after a change made
 * here, and within reloadSeconds after a change made on another replica.
 */
@Injectable()
export class OverspillScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OverspillScheduler.name);
  private readonly tasks = new Map<string, { schedule: string; task: ScheduledTask }>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly fired: FiredTick[] = [];
  private running = false;
  private poller: NodeJS.Timeout | null = null;
  private fingerprint = '';
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    private readonly ticks: OverspillTickService,
    private readonly policies: OverspillPolicyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly http?: HttpAdapterHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.http?.httpAdapter || !this.config.overspill.schedulerEnabled) return;
    this.running = true;
    await this.reload();
    const seconds = this.config.overspill.reloadSeconds;
    if (seconds > 0) {
      this.poller = setInterval(() => void this.reloadIfChanged(), seconds * 1000);
      this.poller.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    if (this.poller) clearInterval(this.poller);
    await this.reloading.catch(() => undefined);
    for (const { task } of this.tasks.values()) await task.destroy();
    this.tasks.clear();
    // The database closes after the modules: let ticks in progress record their decisions.
    await Promise.allSettled([...this.inFlight]);
  }

  /** The ticks this replica fired, oldest first (at most the last 1,000). */
  recentTicks(): readonly FiredTick[] {
    return this.fired;
  }

  /** Re-reads the policies and (re)schedules them; a no-op where the scheduler does not run. */
  reload(): Promise<void> {
    const next = this.reloading.catch(() => undefined).then(() => this.apply());
    this.reloading = next;
    return next;
  }

  private async reloadIfChanged(): Promise<void> {
    try {
      if ((await this.policies.fingerprint()) !== this.fingerprint) await this.reload();
    } catch (error) {
      this.logger.warn(`overspill policies not reloaded: ${(error as Error).message}`);
    }
  }

  private async apply(): Promise<void> {
    if (!this.running) return;
    this.fingerprint = await this.policies.fingerprint();
    const policies = await this.policies.listAll();
    const wanted = new Map(policies.map((p) => [p.id, p.schedule]));
    for (const [id, entry] of [...this.tasks]) {
      if (wanted.get(id) === entry.schedule) continue;
      await entry.task.destroy();
      this.tasks.delete(id);
    }
    for (const [id, schedule] of wanted) {
      if (this.tasks.has(id)) continue;
      const task = cron.schedule(schedule, (ctx) => this.fire(id, ctx.date), {
        timezone: 'UTC',
        name: `overspill:${id}`,
        noOverlap: true,
        logger: {
          info: (m) => this.logger.debug(m),
          warn: (m) => this.logger.debug(m),
          error: (m) => this.logger.error(m instanceof Error ? m.message : m),
          debug: (m) => this.logger.debug(m instanceof Error ? m.message : m),
        },
      });
      this.tasks.set(id, { schedule, task });
    }
  }

  private fire(policyId: string, scheduledAt: Date): Promise<void> {
    // Every replica names the tick by its scheduled second, so they all claim the same row.
    const tickAt = new Date(Math.floor(scheduledAt.getTime() / 1000) * 1000);
    const run = this.ticks
      .tick(policyId, tickAt, 'SCHEDULE')
      .then((r) => r.status)
      .catch((error: unknown) => {
        this.logger.error(`overspill tick ${policyId}@${tickAt.toISOString()}: ${(error as Error).message}`);
        return 'ERROR' as const;
      })
      .then((status) => {
        this.fired.push({ policyId, tickAt, status });
        if (this.fired.length > RECENT) this.fired.splice(0, this.fired.length - RECENT);
        if (status === 'BUSY')
          this.logger.warn(
            `overspill tick ${policyId}@${tickAt.toISOString()} skipped: the previous one is still running`,
          );
      });
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }
}
