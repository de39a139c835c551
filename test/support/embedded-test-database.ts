import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a worker's embedded database process is recorded, so that later test files find it. */
function recordPath(name: string): string {
  return join(tmpdir(), `${name}.embedded.json`);
}

interface ProcessRecord {
  url: string;
  pid: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The URL of an embedded PostgreSQL (PGlite) that the calling Jest worker keeps for all its test
 * files, in a process of its own started from the migrated `templateDump`, emptied by `reset`
 * before each use. Starting PGlite from a dump takes seconds of CPU on this machine, emptying
 * its tables milliseconds. When `reset` says the database cannot be reused (a test changed its
 * tables), a new process replaces it.
 */
export async function workerEmbeddedDatabase(name: string, templateDump: string, reset: (url: string) => Promise<boolean>): Promise<string> {
  const path = recordPath(name);
  if (existsSync(path)) {
    const record = JSON.parse(readFileSync(path, 'utf8')) as ProcessRecord;
    if (alive(record.pid) && (await reset(record.url).catch(() => false))) return record.url;
    stopProcess(record.pid);
    rmSync(path, { force: true });
  }
  const record = await startProcess(templateDump);
  writeFileSync(path, JSON.stringify(record));
  return record.url;
}

function startProcess(templateDump: string): Promise<ProcessRecord> {
  const child = spawn(process.execPath, [join(__dirname, 'embedded-database-process.mjs'), templateDump], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the embedded database process exited (${code}) before it served`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('\n')) return;
      // It lives on after this test file, until the worker exits and its stdin closes.
      child.removeAllListeners('exit');
      child.stdout.destroy();
      child.unref();
      (child.stdin as unknown as { unref(): void }).unref();
      resolve({ url: output.trim(), pid: child.pid! });
    });
  });
}

function stopProcess(pid: number): void {
  try {
    process.kill(pid);
  } catch {
    // Already gone.
  }
}

/** Stops the embedded database processes of the run whose databases are named `prefix…` (global teardown). */
export function stopWorkerEmbeddedDatabases(prefix: string): void {
  for (const file of readdirSync(tmpdir())) {
    if (!file.startsWith(prefix) || !file.endsWith('.embedded.json')) continue;
    const path = join(tmpdir(), file);
    stopProcess((JSON.parse(readFileSync(path, 'utf8')) as ProcessRecord).pid);
    rmSync(path, { force: true });
  }
}
