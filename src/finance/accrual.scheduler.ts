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
import { AccrualService, type AccrualRun } from './accrual.service.js';

/**
 * The daily accrual tick (node-cron, UTC), in the service only: the CLI's application context
 * has no HTTP server and never schedules it. Across replicas exactly one runs a tick: the
 * others find the accrual lock held (ACCRUAL_LOCK) and skip. Each tick catches up every day not
 * accrued yet, so a missed tick (downtime) is made good by the next.
 */
@Injectable()
export class AccrualScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AccrualScheduler.name);
  private task: ScheduledTask | null = null;
  private current: Promise<AccrualRun | null> | null = null;
  private startTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly accrual: AccrualService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly http?: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.http?.httpAdapter || !this.config.finance.accrual.enabled) return;
    this.task = cron.schedule(this.config.finance.accrual.cron, () => this.tick(), {
      timezone: 'UTC',
      name: 'cumulus-accrual',
      noOverlap: true,
    });
    if (this.config.finance.accrual.onStart) {
      this.startTimer = setTimeout(() => void this.tick(), 1000);
      this.startTimer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.startTimer) clearTimeout(this.startTimer);
    await this.task?.destroy();
    this.task = null;
    // The database closes after the modules: let a run in progress finish its day first.
    await this.current?.catch(() => undefined);
  }

  /** One catch-up run; null when another replica (or run) holds it. Failures are logged, not thrown. */
  tick(now = new Date()): Promise<AccrualRun | null> {
    if (this.current) return Promise.resolve(null);
    const run = this.accrual
      .catchUp(now)
      .then((result) => {
        if (result && result.days.length > 0)
          this.logger.log(
            `accrued ${result.days.length} day(s) ${result.from}..${result.to}: ${result.rows} rows, ${result.billedCost} USD billed` +
              (result.budgets?.alertsRaised.length
                ? `, ${result.budgets.alertsRaised.length} budget alert(s)`
                : ''),
          );
        return result;
      })
      .catch((error: unknown) => {
        this.logger.error(
          `accrual failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        return null;
      })
      .finally(() => {
        this.current = null;
      });
    this.current = run;
    return run;
  }
}
