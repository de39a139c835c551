import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { isEmail } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../src/audit/audit-log.service';
import { type Actor, SYSTEM_ACTOR } from '../src/auth/actor';
import { Role } from '../src/auth/permissions';
import { loadConfig } from '../src/config/app-config';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { DATA_DIR_USERS } from '../src/database/data-dir-lock';
import { runMigrationsUnderLock } from '../src/database/migrations';
import { passwordPolicyProblem } from '../src/common/validation/password-policy';
import { generatePassword, hashPassword } from '../src/users/passwords';
import { UsersService } from '../src/users/users.service';
import { SessionCache } from '../src/auth/session-cache';
import { SessionsService } from '../src/auth/sessions.service';

const USAGE = 'Usage: npm run user:create -- --email <email> --role ADMIN|EDITOR [--password <password>]';
const CLI_ACTOR: Actor = { ...SYSTEM_ACTOR, label: 'cli user:create' };

class UsageError extends Error {}

/**
 * `npm run user:create`: creates an editor or admin (the first admin of a new installation,
 * typically), printing a generated password when none is given. Uses DATABASE_URL, else the
 * embedded database under DATA_DIR (stop the app first: a running server holds DATA_DIR's lock, and this says so).
 */
async function main() {
  let values: { email?: string; role?: string; password?: string };
  try {
    ({ values } = parseArgs({ options: { email: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const email = values.email?.trim() ?? '';
  const role = (values.role ?? '').toUpperCase() as Role;
  if (!isEmail(email)) throw new UsageError(`--email must be an email address.\n${USAGE}`);
  if (!Object.values(Role).includes(role)) throw new UsageError(`--role must be ADMIN or EDITOR.\n${USAGE}`);
  const generated = values.password === undefined;
  const password = values.password ?? generatePassword();
  const passwordProblem = passwordPolicyProblem(password, email);
  if (passwordProblem) throw new UsageError(`--password ${passwordProblem} (or leave it out to get a generated one).`);

  const config = loadConfig();
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, ...DATA_DIR_USERS.userCreate });
    url = embedded.url;
  }
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 1 }));
  try {
    await dataSource.initialize();
    await runMigrationsUnderLock(dataSource);
    const passwordHash = await hashPassword(password);
    const auditLog = new AuditLogService();
    // A script serves no requests: nothing to cache.
    const users = new UsersService(dataSource, auditLog, new SessionsService(dataSource, auditLog, new SessionCache(0, null)));
    const user = await dataSource.transaction((manager) => users.insert(manager, CLI_ACTOR, { email, role, passwordHash }));
    console.log(`Created ${user.role} ${user.email}.`);
    if (generated) console.log(`Password (shown only now, store it safely): ${password}`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error) => {
  const fields = (error as { extensions?: { fields?: { path: string; message: string }[] } }).extensions?.fields;
  const message = fields?.length ? `email ${fields[0].message}` : error instanceof Error ? error.message : String(error);
  console.error(`Could not create the user: ${message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
