import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { RedisConnection } from '../redis/redis-connection';
import { REDIS } from '../redis/redis.module';
import { DatabaseHealth, DatabaseProbe } from './database-probe';

interface HealthReport {
  status: 'ok' | 'degraded' | 'unavailable';
  /** `busy`: the database answers but every pooled connection is taken; see DatabaseHealth. */
  database: DatabaseHealth;
  /** Present when REDIS_URL is set; without Redis the app keeps serving from in-process state. */
  redis?: 'ok' | 'unavailable';
}

/** Liveness and readiness for load balancers and orchestrators; answers within HEALTH_TIMEOUT_MS. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseProbe,
    @Inject(REDIS) private readonly redis: RedisConnection | null,
  ) {}

  /**
   * 200 `ok`; 200 `degraded` when the pool is exhausted (requests wait for a connection) or Redis
   * does not answer; 503 `unavailable` when the database does not answer in time or at all.
   */
  @Get()
  async check(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([this.database.check(), this.redis?.health()]);
    const status = database === 'timeout' || database === 'unreachable' ? 'unavailable' : database === 'busy' || redis === 'unavailable' ? 'degraded' : 'ok';
    const report: HealthReport = { status, database, ...(redis ? { redis } : {}) };
    if (report.status === 'unavailable') throw new HttpException(report, HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
