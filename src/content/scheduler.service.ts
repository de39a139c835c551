import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../auth/actor';
import { AppConfig } from '../config/app-config';
import { PublishingService } from './publishing.service';

/**
 * Runs due scheduled publishes and unpublishes. The schedule lives in PostgreSQL, so it survives
 * restarts; each action is claimed with SKIP LOCKED, so several instances never run one twice.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly publishing: PublishingService,
    private readonly config: AppConfig,
  ) {}

  private readonly logger = new Logger('Scheduler');

  onApplicationBootstrap() {
    this.stopped = false;
    this.timer = setInterval(() => void this.tick(), this.config.SCHEDULER_INTERVAL_MS);
    this.timer.unref();
    void this.tick();
  }

  async onApplicationShutdown() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs every due action, one transaction each; a tick still running makes the next one skip. */
  tick(): Promise<void> {
    if (this.running || this.stopped) return this.running ?? Promise.resolve();
    this.running = (async () => {
      try {
        while (!this.stopped && (await this.publishing.runNextDueAction({ ...SYSTEM_ACTOR, label: 'scheduler' }))) {
          // keep going until nothing is due
        }
      } catch (error) {
        this.logger.error(`scheduled publishing failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
