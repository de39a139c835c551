import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The compiled app next to the compiled bench scripts (dist/src/main.js). */
const MAIN = join(__dirname, '..', 'src', 'main.js');

/**
 * Starts the built app on `port` against `databaseUrl` (production mode, no demo content) and waits
 * until it is healthy. BENCH_APP_NODE_ARGS are given to its node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
export async function startBuiltApp(port: number, databaseUrl: string, env: Record<string, string>): Promise<ChildProcess> {
  const nodeArguments = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const app = spawn(process.execPath, [...nodeArguments, MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      LOAD_DEMO_CONTENT: 'false',
      RATE_LIMIT_ALLOW: '127.0.0.1/32',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; attempt < 240; attempt++) {
    if (app.exitCode !== null) throw new Error('the app exited during start');
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return app;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error('the app did not start within 60 s');
}

/** Stops apps started by startBuiltApp and waits for them to exit. */
export async function stopApps(apps: ChildProcess[]): Promise<void> {
  for (const app of apps) app.kill('SIGTERM');
  await Promise.all(apps.map((app) => new Promise((done) => (app.exitCode !== null ? done(null) : app.once('exit', done)))));
}
