import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RedisConnection } from '../redis/redis-connection';
import { REDIS } from '../redis/redis.module';

interface HealthReport {
  status: 'ok' | 'degraded' | 'unavailable';
  database: 'ok' | 'unreachable';
  /** Present when REDIS_URL is set; without Redis the app keeps serving from in-process state. */
  redis?: 'ok' | 'unavailable';
}

/** Liveness and readiness for load balancers and orchestrators. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisConnection | null,
  ) {}

  /** 200 when the database answers (`degraded` when Redis does not), 503 when the database does not. */
  @Get()
  async check(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'ok' as const,
        () => 'unreachable' as const,
      ),
      this.redis?.health(),
    ]);
    const report: HealthReport = { status: database !== 'ok' ? 'unavailable' : redis === 'unavailable' ? 'degraded' : 'ok', database, ...(redis ? { redis } : {}) };
    if (report.status === 'unavailable') throw new HttpException(report, HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
