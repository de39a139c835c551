import { type Logger as PinoLogger } from 'pino';
import { type DataSource } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { SYSTEM_ACTOR } from '../auth/actor';
import { Role } from '../auth/permissions';
import { type AppConfig } from '../config/app-config';
import { generatePassword, hashPassword } from './passwords';
import { normalizeEmail, User } from './user.entity';
import { UsersService } from './users.service';
import { SessionCache } from '../auth/session-cache';
import { SessionsService } from '../auth/sessions.service';

/** Arbitrary, fixed, distinct from the migration and demo locks: instances starting together create the accounts once. */
const INITIAL_ACCOUNTS_LOCK_KEY = 724_310_993;

export const DEMO_EDITOR_EMAIL = 'editor@example.com';
export const DEMO_ADMIN_EMAIL = 'admin@example.com';
/** Starts the one log line that shows the demo passwords (tests and the README find it by this). */
export const DEMO_LOGINS_BANNER = '*** DEMO LOGINS (shown once) ***';

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

/**
 * Accounts a fresh installation needs before anyone can sign in, created only while the
 * database has no user at all: the admin named by ADMIN_EMAIL/ADMIN_PASSWORD or, without one, in
 * the embedded demo mode a demo admin and a demo editor whose generated passwords (random per
 * installation) are logged once, on the start that creates them. The demo needs its admin: users,
 * API keys, the audit log and purging are admin-only, and the first hour should reach them.
 */
export class InitialAccounts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {}

  async createIfNoUsers(): Promise<void> {
    const admin = this.config.ADMIN_EMAIL && this.config.ADMIN_PASSWORD ? { email: this.config.ADMIN_EMAIL, password: this.config.ADMIN_PASSWORD } : undefined;
    // With ADMIN_EMAIL the installation has a real owner: no demo account, and no password in the logs.
    const demo =
      !admin && this.config.usesEmbeddedDatabase && this.config.shouldLoadDemoContent
        ? { admin: { email: DEMO_ADMIN_EMAIL, password: generatePassword() }, editor: { email: DEMO_EDITOR_EMAIL, password: generatePassword() } }
        : undefined;
    if (!admin && !demo) return;
    // Hashed up front: argon2 takes a moment and the transaction below should not wait for it.
    const adminHash = admin ? await hashPassword(admin.password) : undefined;
    const demoHashes = demo ? { admin: await hashPassword(demo.admin.password), editor: await hashPassword(demo.editor.password) } : undefined;

    const auditLog = new AuditLogService();
    // No request can hold a session yet: nothing to cache.
    const users = new UsersService(this.dataSource, auditLog, new SessionsService(this.dataSource, auditLog, new SessionCache(0, null)));
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [INITIAL_ACCOUNTS_LOCK_KEY]);
      if ((await manager.count(User)) > 0) return { admin: false, demo: false };
      if (admin && adminHash) await users.insert(manager, SYSTEM_ACTOR, { email: admin.email, role: Role.ADMIN, passwordHash: adminHash });
      if (demo && demoHashes) {
        await users.insert(manager, SYSTEM_ACTOR, { email: demo.admin.email, role: Role.ADMIN, passwordHash: demoHashes.admin });
        await users.insert(manager, SYSTEM_ACTOR, { email: demo.editor.email, role: Role.EDITOR, passwordHash: demoHashes.editor });
      }
      return { admin: Boolean(admin), demo: Boolean(demo) };
    });

    if (created.admin && admin)
      this.logger.info({ email: normalizeEmail(admin.email) }, `Created the admin account ${normalizeEmail(admin.email)} from ADMIN_EMAIL`);
    if (created.demo && demo) {
      const reach = LOOPBACK_HOSTS.includes(this.config.HOST)
        ? `The API binds to ${this.config.HOST} (this machine only) unless HOST is set`
        : `The API binds to ${this.config.HOST} (HOST): other machines can reach it, so change these passwords now`;
      this.logger.warn(
        { demoAccounts: [demo.admin.email, demo.editor.email], host: this.config.HOST },
        `${DEMO_LOGINS_BANNER} admin: ${demo.admin.email}  password: ${demo.admin.password}  |  editor: ${demo.editor.email}  password: ${demo.editor.password}  -- sign in with the login mutation. ${reach}. Create real accounts and disable these two before going live.`,
      );
    }
  }
}
