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

/**
 * Accounts a fresh installation needs before anyone can sign in, created only while the
 * database has no user at all: the admin named by ADMIN_EMAIL/ADMIN_PASSWORD or, without one, in
 * the embedded demo mode an editor whose generated password is logged once.
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
    const demoEditor =
      !admin && this.config.usesEmbeddedDatabase && this.config.shouldLoadDemoContent ? { email: DEMO_EDITOR_EMAIL, password: generatePassword() } : undefined;
    if (!admin && !demoEditor) return;
    // Hashed up front: argon2 takes a moment and the transaction below should not wait for it.
    const adminHash = admin ? await hashPassword(admin.password) : undefined;
    const demoEditorHash = demoEditor ? await hashPassword(demoEditor.password) : undefined;

    const auditLog = new AuditLogService();
    // No request can hold a session yet: nothing to cache.
    const users = new UsersService(this.dataSource, auditLog, new SessionsService(this.dataSource, auditLog, new SessionCache(0, null)));
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [INITIAL_ACCOUNTS_LOCK_KEY]);
      if ((await manager.count(User)) > 0) return { admin: false, demoEditor: false };
      if (admin && adminHash) await users.insert(manager, SYSTEM_ACTOR, { email: admin.email, role: Role.ADMIN, passwordHash: adminHash });
      if (demoEditor && demoEditorHash) await users.insert(manager, SYSTEM_ACTOR, { email: demoEditor.email, role: Role.EDITOR, passwordHash: demoEditorHash });
      return { admin: Boolean(admin), demoEditor: Boolean(demoEditor) };
    });

    if (created.admin && admin)
      this.logger.info({ email: normalizeEmail(admin.email) }, `Created the admin account ${normalizeEmail(admin.email)} from ADMIN_EMAIL`);
    if (created.demoEditor && demoEditor) {
      this.logger.warn(
        { email: demoEditor.email },
        `*** DEMO EDITOR LOGIN (shown once) *** email: ${demoEditor.email}  password: ${demoEditor.password}  -- sign in with the login mutation; create real accounts and disable this one before going live`,
      );
    }
  }
}
