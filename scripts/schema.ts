import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchemaSdl } from '../src/schema/schema-sdl';

/**
 * `npm run schema:generate` writes schema.gql from the code; `npm run schema:check` fails when
 * the committed file differs (CI runs it), printing the first differing lines.
 */
async function main() {
  const file = join(__dirname, '..', '..', 'schema.gql');
  const generated = await buildSchemaSdl();
  if (process.argv.includes('--write')) {
    writeFileSync(file, generated);
    console.log(`Wrote ${file}`);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    console.error('schema.gql is missing: run `npm run build && npm run schema:generate` and commit it.');
    process.exit(1);
  }
  if (committed === generated) {
    console.log('schema.gql matches the code.');
    return;
  }
  const left = committed.split('\n');
  const right = generated.split('\n');
  const line = left.findIndex((text, index) => text !== right[index]);
  console.error(`schema.gql has drifted from the code (first difference at line ${line + 1}):`);
  console.error(`  committed: ${left[line] ?? '<end of file>'}`);
  console.error(`  generated: ${right[line] ?? '<end of file>'}`);
  console.error('Run `npm run build && npm run schema:generate` and commit schema.gql.');
  process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
