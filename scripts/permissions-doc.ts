import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationAccess, renderPermissionsTable } from '../src/auth/permissions-table';
import { resolverClasses } from '../src/schema/schema-sdl';

/**
 * `npm run permissions:doc` writes docs/permissions.md from the resolvers' metadata;
 * `--check` fails when the committed file differs (a test does the same).
 */
function main() {
  const file = join(__dirname, '..', '..', 'docs', 'permissions.md');
  const generated = renderPermissionsTable(operationAccess(resolverClasses()));
  if (!process.argv.includes('--check')) {
    writeFileSync(file, generated);
    console.log(`Wrote ${file}`);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // Missing counts as out of date.
  }
  if (committed !== generated) {
    console.error('docs/permissions.md is out of date: run `npm run build && npm run permissions:doc` and commit it.');
    process.exit(1);
  }
  console.log('docs/permissions.md matches the code.');
}

main();
