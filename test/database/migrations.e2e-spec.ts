import { startTestApp } from '../support/test-app';
import { createSharedTestDatabase, type SharedTestDatabase, testDatabaseServerUrl } from '../support/test-database';

describe('database migrations', () => {
  let database: SharedTestDatabase;

  beforeAll(async () => {
    // Empty, not the run's migrated template: the migrations themselves are under test.
    database = await createSharedTestDatabase({ empty: true });
  });

  afterAll(() => database.drop());

  // Two instances need a PostgreSQL server: the embedded database serves every connection from
  // one session, where an advisory lock cannot keep two migrators apart (and only one app can
  // use an embedded database anyway). There, the instances start one after the other.
  const together = Boolean(testDatabaseServerUrl());

  it(`applies every migration exactly once when two instances start ${together ? 'together' : 'one after the other'} on an empty database`, async () => {
    const [first, second] = together
      ? await Promise.all([startTestApp({}, { database }), startTestApp({}, { database })])
      : [await startTestApp({}, { database }), await startTestApp({}, { database })];
    try {
      const applied: { name: string; count: number }[] = await first.dataSource.query('SELECT name, count(*)::int AS count FROM migrations GROUP BY name');
      expect(applied.length).toBeGreaterThan(0);
      expect(applied.every((migration) => migration.count === 1)).toBe(true);
      for (const app of [first, second]) expect((await app.graphql('{ treatments { totalCount } }')).data.treatments.totalCount).toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('leaves the schema exactly as the entities describe it (nothing left for migration:generate)', async () => {
    const app = await startTestApp({}, { database });
    try {
      const pending = await app.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
