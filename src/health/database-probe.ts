import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppConfig } from '../config/app-config';

/**
 * - `ok`: the database answered within HEALTH_TIMEOUT_MS and no request waits for a connection;
 * - `busy`: it answers, but every pooled connection is taken and requests queue for one;
 * - `timeout`: no answer within HEALTH_TIMEOUT_MS;
 * - `unreachable`: the connection or the query failed.
 */
export type DatabaseHealth = 'ok' | 'busy' | 'timeout' | 'unreachable';

/**
 * Asks the database `SELECT 1` without queueing behind the requests that may be exhausting the
 * pool: on a server, through a connection of its own, opened on first use and dropped after any
 * failure or timeout (so a hung one is never reused). The pool's queue says whether it is
 * exhausted. Every wait is raced against HEALTH_TIMEOUT_MS, so /health answers in time whatever
 * the database does.
 *
 * With a one-connection pool (the embedded database, whose socket runs every client in one
 * session, so a second connection would run inside the app's transactions) the probe goes through
 * the pool; when it times out while requests queue, the report is `busy`.
 */
@Injectable()
export class DatabaseProbe implements OnApplicationShutdown {
  private client: Promise<Client> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async check(): Promise<DatabaseHealth> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const ownConnection = (pool.options.max ?? 10) > 1;
    const answer = await this.withinTimeout(ownConnection ? this.ping() : this.dataSource.query('SELECT 1'));
    if (answer !== 'answered' && ownConnection) this.drop();
    if (answer === 'error') return 'unreachable';
    // Through the pool, a probe that times out while requests queue says the pool is exhausted, not the database slow.
    if (answer === 'timeout' && (ownConnection || pool.waitingCount === 0)) return 'timeout';
    return pool.waitingCount > 0 ? 'busy' : 'ok';
  }

  async onApplicationShutdown(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.then((connected) => connected.end()).catch(() => undefined);
  }

  private async ping(): Promise<void> {
    if (!this.client) {
      const client = new Client({
        connectionString: (this.dataSource.options as PostgresDataSourceOptions).url,
        connectionTimeoutMillis: this.config.HEALTH_TIMEOUT_MS,
        statement_timeout: this.config.HEALTH_TIMEOUT_MS,
        application_name: 'cms-health',
      });
      const connecting = client.connect().then(() => client);
      // A connection the server closes must not crash the process; the next check reconnects.
      client.on('error', () => {
        if (this.client === connecting) this.drop();
      });
      this.client = connecting;
    }
    const client = await this.client;
    await client.query('SELECT 1');
  }

  private drop(): void {
    const client = this.client;
    this.client = null;
    void client?.then((connected) => connected.end()).catch(() => undefined);
  }

  private withinTimeout(work: Promise<unknown>): Promise<'answered' | 'timeout' | 'error'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.config.HEALTH_TIMEOUT_MS);
    });
    const answered = work.then(
      () => 'answered' as const,
      () => 'error' as const,
    );
    return Promise.race([answered, timeout]).finally(() => clearTimeout(timer));
  }
}
