import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { operationText, type GraphQLResponse, type TestApp, testAppEnvironment } from './test-app';
import { type SharedTestDatabase } from './test-database';

const ROOT = join(__dirname, '..', '..');

/**
 * The real app in a child process, as `npm start` runs it but from the TypeScript sources, for
 * what an app inside the test process cannot show: a process killed with SIGKILL, which runs no
 * shutdown hook, gives back no lease and closes no connection politely.
 */
export interface AppProcess extends Pick<TestApp, 'graphql'> {
  url: string;
  /** SIGKILL, then waits for the process to be gone. */
  kill(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the app on `database` in a child process; answers once its /health does. */
export async function startAppProcess(database: SharedTestDatabase, env: Record<string, string> = {}): Promise<AppProcess> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ['-r', join(ROOT, 'test', 'support', 'swc-register.cjs'), join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...testAppEnvironment(database, { HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) stream!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app process exited with ${child.exitCode} before answering:\n${output.join('')}`);
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app process did not answer /health within 60 s:\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: operationText(query), variables }),
      });
      const body = (await response.json().catch(() => null)) as { data?: unknown; errors?: GraphQLResponse['errors'] } | null;
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        data: body?.data,
        errors: body?.errors,
        sqlStatements: Number(response.headers.get('x-sql-statements') ?? NaN),
      } as GraphQLResponse;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
