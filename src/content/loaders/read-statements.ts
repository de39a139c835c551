import { createHash } from 'node:crypto';
import { type Pool, type QueryResultRow } from 'pg';
import { type DataSource } from 'typeorm';
import { type PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { currentRequestContext } from '../../common/request-context';

const runners = new WeakMap<DataSource, ReadStatements>();
/** Statements beyond this many distinct texts run unnamed, so a client varying filters cannot grow the server's prepared statements without bound. */
const MAX_PREPARED = 500;

/**
 * Runs the public read path's statements straight on the pg pool, as named prepared statements:
 * PostgreSQL then plans a page query once per connection instead of at every request (planning
 * the nested JSON statement costs more than running it), and no ORM query runner is set up.
 *
 * The embedded database multiplexes every client into one PostgreSQL session, so a statement
 * name prepared by one client would clash with a reconnecting one: there, statements stay unnamed.
 */
export class ReadStatements {
  private readonly names = new Map<string, string>();

  private constructor(
    private readonly dataSource: DataSource,
    private readonly prepared: boolean,
  ) {}

  /** Declares how a DataSource's reads run; bootstrap calls it once it knows the database. */
  static configure(dataSource: DataSource, options: { preparedStatements: boolean }): void {
    runners.set(dataSource, new ReadStatements(dataSource, options.preparedStatements));
  }

  static for(dataSource: DataSource): ReadStatements {
    let runner = runners.get(dataSource);
    if (!runner) {
      runner = new ReadStatements(dataSource, false);
      runners.set(dataSource, runner);
    }
    return runner;
  }

  async run<T extends QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
    const context = currentRequestContext();
    if (context) context.sqlStatements += 1;
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const name = this.prepared ? this.nameOf(text) : undefined;
    const result = name ? await pool.query<T>({ name, text, values }) : await pool.query<T>(text, values);
    return result.rows;
  }

  private nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (!name) {
      if (this.names.size >= MAX_PREPARED) return undefined;
      name = `read_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      this.names.set(text, name);
    }
    return name;
  }
}
