// Login with e-mail and password, and the signed token every other request carries.
import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { email, rawText, type OrganisationType, type Role } from '../../workflows/case/index.js';
import { CLOCK, DomainError, isUuid, parseInput, type Clock } from '../common/index.js';
import { LoginThrottle } from './login-throttle.js';
import { UserEntity } from '../persistence/entities/index.js';
import { hashPassword, verifyPassword } from './passwords.js';

export interface AuthenticatedUser {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  organisation: { id: string; name: string; type: OrganisationType; ambito: string };
}

export const loginSchema = z.strictObject({
  email,
  password: rawText(200).min(1),
});

/** After this many wrong passwords in a row an account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const ATTEMPTS_PER_CLIENT_PER_MINUTE = 20;

const SESSION_EXPIRED = 'The session is invalid or has expired: log in again.';

@Injectable()
export class AuthenticationService {
  // Verified against when the e-mail is unknown, so a wrong e-mail costs the same time as a wrong password.
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'));
  private readonly throttle = new LoginThrottle(ATTEMPTS_PER_CLIENT_PER_MINUTE, 60_000);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async login(body: unknown, clientKey = 'unknown'): Promise<{ token: string; user: AuthenticatedUser }> {
    const now = this.clock.now();
    if (!this.throttle.allow(clientKey, now.getTime())) {
      throw new DomainError(
        'too_many_requests',
        'Too many login attempts from here: wait a minute and try again.',
      );
    }
    const credentials = parseInput(loginSchema, body);
    const users = this.dataSource.getRepository(UserEntity);
    const user = await users.findOne({
      where: { email: credentials.email.toLowerCase() },
      relations: { organisation: true },
    });
    const valid = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), credentials.password);
    if (user?.lockedUntil && user.lockedUntil > now) {
      throw new DomainError(
        'too_many_requests',
        `Too many wrong passwords: the account is locked until ${user.lockedUntil.toISOString()}.`,
      );
    }
    if (!user || !valid) {
      if (user) await this.recordFailure(user, now);
      throw new DomainError('unauthenticated', 'Wrong e-mail or password.');
    }
    if (!user.active) {
      throw new DomainError(
        'unauthenticated',
        'This account has been deactivated: ask the amministratore of your ambito.',
      );
    }
    if (user.failedLogins > 0 || user.lockedUntil) {
      await users.update({ id: user.id }, { failedLogins: 0, lockedUntil: null });
    }
    return { token: await this.jwt.signAsync({ sub: user.id }), user: this.toAuthenticated(user) };
  }

  /** The user a bearer token stands for; throws `unauthenticated` for a missing, bad or expired token. */
  async verify(token: string): Promise<AuthenticatedUser> {
    let userId: string;
    try {
      userId = (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
    } catch {
      throw new DomainError('unauthenticated', SESSION_EXPIRED);
    }
    // A token signed with our key but naming no user id (an old format, a forged claim) is no session.
    if (!isUuid(userId)) {
      throw new DomainError('unauthenticated', SESSION_EXPIRED);
    }
    // Raw SQL: this runs on every request.
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.email, u.full_name, u.role, o.id AS organisation_id, o.name, o.type, o.ambito
       FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1 AND u.active`,
      [userId],
    );
    if (!row) throw new DomainError('unauthenticated', SESSION_EXPIRED);
    return {
      id: row.id,
      email: row.email,
      fullName: row.full_name,
      role: row.role,
      organisation: { id: row.organisation_id, name: row.name, type: row.type, ambito: row.ambito },
    };
  }

  private async recordFailure(user: UserEntity, now: Date): Promise<void> {
    // One atomic statement, so parallel guesses cannot slip past the count.
    await this.dataSource.query(
      `UPDATE users SET
         failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
       WHERE id = $1`,
      [user.id, MAX_FAILED_LOGINS, new Date(now.getTime() + LOCK_MINUTES * 60_000)],
    );
  }

  private toAuthenticated(user: UserEntity): AuthenticatedUser {
    const organisation = user.organisation!;
    return {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      role: user.role,
      organisation: {
        id: organisation.id,
        name: organisation.name,
        type: organisation.type,
        ambito: organisation.ambito,
      },
    };
  }
}
