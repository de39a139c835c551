// `npm start` runs this first: it compiles the TypeScript to dist/ with SWC (a few seconds, no
// type check) when any source is newer than the last build, and does nothing when dist/ is
// current, so a restart starts at once. `npm run build` (tsc, with type checking) is what CI and
// releases use; both write the same layout (dist/src, dist/scripts, dist/migrations, dist/bench).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRS = ['src', 'scripts', 'migrations', 'bench'];
const STAMP = join(root, 'dist', '.build-stamp');

function typescriptFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const sources = SOURCE_DIRS.flatMap((dir) => typescriptFiles(join(root, dir)));
const inputs = [...sources, join(root, 'package.json'), join(root, 'tsconfig.json')];
const newest = Math.max(...inputs.map((file) => statSync(file).mtimeMs));
const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
if (built >= newest && existsSync(join(root, 'dist', 'src', 'main.js'))) process.exit(0);

const started = Date.now();
// Stale: start from an empty dist/, so a file deleted from the sources (a migration!) is gone from it too.
rmSync(join(root, 'dist'), { recursive: true, force: true });
const { transformFile } = await import('@swc/core');
const { default: swcOptions } = await import('./swc-options.cjs');
const options = { ...swcOptions, sourceMaps: true };
await Promise.all(
  sources.map(async (file) => {
    const output = join(root, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, { ...options, filename: file, sourceFileName: relative(dirname(output), file) });
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, `${code}\n//# sourceMappingURL=${output.split('/').pop()}.map\n`);
    if (map) writeFileSync(`${output}.map`, map);
  }),
);
writeFileSync(STAMP, new Date().toISOString());
console.log(
  `Compiled ${sources.length} files to dist/ with SWC in ${((Date.now() - started) / 1000).toFixed(1)} s (run \`npm run build\` for a type-checked build).`,
);
