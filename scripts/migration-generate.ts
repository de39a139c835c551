import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options';

/**
 * `npm run migration:generate -- <Name>`: writes migrations/<timestamp>-<Name>.ts with the SQL
 * that brings the database at DATABASE_URL in line with the entities; prints nothing to do when
 * they already match (the check CI runs).
 */
async function main() {
  const name = process.argv[2];
  const checkOnly = name === '--check';
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required (a PostgreSQL server with the migrations applied).');
  if (!checkOnly && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) throw new Error('Usage: npm run migration:generate -- PascalCaseName');
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 1 }));
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log('No changes: the migrations match the entities.');
      return;
    }
    if (checkOnly) {
      console.error('The entities differ from the migrations; pending SQL:');
      for (const query of sql.upQueries) console.error(`  ${query.query}`);
      process.exitCode = 1;
      return;
    }
    const timestamp = Date.now();
    const escape = (query: string) => query.replace(/\\/g, '\\\\').replace(/`/g, '\\`');
    const up = sql.upQueries
      .map((q) => `    await queryRunner.query(\`${escape(q.query)}\`${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`)
      .join('\n');
    const down = sql.downQueries
      .reverse()
      .map((q) => `    await queryRunner.query(\`${escape(q.query)}\`${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`)
      .join('\n');
    const file = join(__dirname, '..', '..', 'migrations', `${timestamp}-${name}.ts`);
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${timestamp} implements MigrationInterface {\n  name = '${name}${timestamp}';\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    console.log(`Wrote ${file}. Read it before committing.`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
