import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { Actor } from '../auth/actor';
import { Role } from '../auth/permissions';
import { SessionsService } from '../auth/sessions.service';
import { AppError } from '../common/errors/app-error';
import { hashPassword } from './passwords';
import { auditedUser, normalizeEmail, User } from './user.entity';

/** Arbitrary, fixed: serializes changes that could leave the app without an enabled admin. */
const USER_ADMINISTRATION_LOCK_KEY = 724_310_994;

export interface NewUser {
  email: string;
  role: Role;
  password: string;
}

export interface UserChanges {
  id: string;
  role?: Role | null;
  disabled?: boolean | null;
}

/** User accounts: who may sign in and with which role. Sign-in itself is AuthService's. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogService,
    private readonly sessions: SessionsService,
  ) {}

  findById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ email: normalizeEmail(email) });
  }

  /** The user behind a user credential; null for anonymous callers, API keys and preview tokens. */
  async current(actor: Actor | null): Promise<User | null> {
    if (actor?.kind !== 'USER' || !actor.id) return null;
    return this.findById(actor.id);
  }

  list(_actor: Actor): Promise<User[]> {
    return this.dataSource.getRepository(User).find({ order: { email: 'ASC' } });
  }

  async create(actor: Actor, input: NewUser): Promise<User> {
    // Hashing takes ~100 ms: done before the transaction so it holds no connection meanwhile.
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.dataSource.transaction((manager) => this.insert(manager, actor, { email: input.email, role: input.role, passwordHash }));
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  /** Inserts a user inside the caller's transaction (the first-start accounts and the CLI use it too). */
  async insert(manager: EntityManager, actor: Actor, input: { email: string; role: Role; passwordHash: string }): Promise<User> {
    const email = normalizeEmail(input.email);
    if (await manager.existsBy(User, { email })) throw emailTaken();
    const user = manager.create(User, { email, role: input.role, passwordHash: input.passwordHash, disabled: false, lastLoginAt: null });
    await manager.save(user);
    await this.auditLog.record(manager, actor, { action: 'createUser', documentType: 'USER', documentId: user.id, after: auditedUser(user) });
    return user;
  }

  async update(actor: Actor, changes: UserChanges): Promise<User> {
    const user = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [USER_ADMINISTRATION_LOCK_KEY]);
      const user = await manager.findOne(User, { where: { id: changes.id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw AppError.notFound('User');
      const before = auditedUser(user);
      const role = changes.role ?? user.role;
      const disabled = changes.disabled ?? user.disabled;
      if (role === user.role && disabled === user.disabled) return user;

      const wasActiveAdmin = user.role === Role.ADMIN && !user.disabled;
      if (wasActiveAdmin && (role !== Role.ADMIN || disabled)) {
        const otherAdmins = await manager
          .createQueryBuilder(User, 'user')
          .where('user.role = :role AND NOT user.disabled AND user.id <> :id', { role: Role.ADMIN, id: user.id })
          .getCount();
        if (otherAdmins === 0) throw AppError.conflict('At least one enabled admin must remain: make another user an admin first');
      }

      user.role = role;
      user.disabled = disabled;
      await manager.save(user);
      await this.auditLog.record(manager, actor, { action: 'updateUser', documentType: 'USER', documentId: user.id, before, after: auditedUser(user) });
      // A new role, like a disabled account, ends every session: tokens issued for the old role stop at once.
      if ((disabled && !before.disabled) || role !== before.role)
        await this.sessions.endAllSessions(actor, user.id, disabled && !before.disabled ? 'disabled' : 'roleChanged', manager);
      return user;
    });
    await this.sessions.afterSessionsEnded(user.id);
    return user;
  }
}

function emailTaken(): AppError {
  return AppError.badInput([{ path: 'input.email', message: 'is already used by another user' }]);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}
