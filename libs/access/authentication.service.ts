// Login with e-mail and password, and the signed token every other request carries: the browser's
// session cookie or an API client's bearer token, both naming a session row (sessions.ts) that must still be
// open for the token to be accepted.
import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { email, newPassword, rawText, type OrganisationType, type Role } from '../../workflows/case/index.js';
import { CLOCK, DomainError, isUuid, parseInput, type Clock } from '../common/index.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LoginThrottle } from './login-throttle.js';
import { UserEntity } from '../persistence/entities/index.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { SecondFactor, secondFactorCode, secondFactorRequired } from './second-factor.js';
import { SessionStore, type OpenSession, type SessionKind } from './sessions.js';

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
  /** The second factor's code (or a recovery code), for accounts that have one. */
  code: secondFactorCode.optional(),
});

export const passwordChangeSchema = z
  .strictObject({
    currentPassword: rawText(200).min(1),
    newPassword,
  })
  .refine((change) => change.newPassword !== change.currentPassword, {
    path: ['newPassword'],
    message: 'must differ from the current password',
  });

const PASSWORDS_ELSEWHERE = {
  it: 'Qui si accede con il fornitore di identità dell’ente: la password si cambia lì, non in Percorsi.',
  en: 'Sign-in here goes through your organisation’s identity provider: change the password there, not in Percorsi.',
};

/** After this many wrong passwords in a row an account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const ATTEMPTS_PER_CLIENT_PER_MINUTE = 20;

const SESSION_EXPIRED = {
  it: 'La sessione non è valida o è scaduta: accedi di nuovo.',
  en: 'The session is invalid or has expired: log in again.',
};

/** What a token stands for: the user as the database has them now, and the session it names. */
export interface VerifiedSession {
  user: AuthenticatedUser;
  session: { id: string; kind: SessionKind; csrfToken: string | null; mustEnrol: boolean };
}

export interface Login {
  token: string;
  session: OpenSession;
  user: AuthenticatedUser;
}

@Injectable()
export class AuthenticationService {
  // Verified against when the e-mail is unknown, so a wrong e-mail costs the same time as a wrong password.
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'));
  private readonly throttle = new LoginThrottle(ATTEMPTS_PER_CLIENT_PER_MINUTE, 60_000);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(SecondFactor) private readonly secondFactor: SecondFactor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether passwords log in here (LOCAL_LOGIN), or only the identity provider. */
  get localLogin(): boolean {
    return this.config.LOCAL_LOGIN === 'true';
  }

  /**
   * Checks the credentials and opens a session of `kind`; a browser session gets its CSRF token from
   * `csrfToken` (the API's csrf-sync instance makes it).
   */
  async login(body: unknown, clientKey: string, kind: SessionKind, csrfToken: string | null): Promise<Login> {
    const { user, mustEnrol } = await this.authenticate(body, clientKey);
    return { ...(await this.openSession(user.id, kind, csrfToken, mustEnrol)), user };
  }

  /**
   * The user whose credentials (password, and the second factor's code if they have one) these are, and
   * whether they must still set up the second factor their role requires; opens no session.
   */
  private async authenticate(
    body: unknown,
    clientKey: string,
  ): Promise<{ user: AuthenticatedUser; mustEnrol: boolean }> {
    if (!this.localLogin) {
      throw new DomainError(
        'forbidden',
        {
          it: 'Qui le password sono disattivate: accedi tramite il fornitore di identità (GET /api/auth/oidc).',
          en: 'Passwords are turned off here: sign in through the identity provider (GET /api/auth/oidc).',
        },
        { rule: 'local_login_off' },
      );
    }
    const now = this.clock.now();
    if (!this.throttle.allow(clientKey, now.getTime())) {
      throw new DomainError('too_many_requests', {
        it: 'Troppi tentativi di accesso da qui: attendi un minuto e riprova.',
        en: 'Too many login attempts from here: wait a minute and try again.',
      });
    }
    const credentials = parseInput(loginSchema, body);
    const users = this.dataSource.getRepository(UserEntity);
    const user = await users.findOne({
      where: { email: credentials.email.toLowerCase() },
      relations: { organisation: true },
    });
    const valid = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), credentials.password);
    if (user?.lockedUntil && user.lockedUntil > now) {
      throw new DomainError('too_many_requests', {
        it: `Troppe password errate: l’account è bloccato fino a ${user.lockedUntil.toISOString()}.`,
        en: `Too many wrong passwords: the account is locked until ${user.lockedUntil.toISOString()}.`,
      });
    }
    if (!user || !valid) {
      if (user) await this.recordFailure(user, now);
      throw new DomainError('unauthenticated', {
        it: 'E-mail o password errate.',
        en: 'Wrong e-mail or password.',
      });
    }
    if (!user.active) {
      throw new DomainError('unauthenticated', {
        it: 'Questo account è stato disattivato: chiedi all’amministratore del tuo ambito.',
        en: 'This account has been deactivated: ask the amministratore of your ambito.',
      });
    }
    if (user.totpSecret) await this.checkSecondFactor(user, credentials.code, now);
    if (user.failedLogins > 0 || user.lockedUntil) {
      await users.update({ id: user.id }, { failedLogins: 0, lockedUntil: null });
    }
    return {
      user: this.toAuthenticated(user),
      mustEnrol: !user.totpSecret && secondFactorRequired(user.role),
    };
  }

  /** Asked only after the right password; a wrong code counts towards the lockout as a wrong password does. */
  private async checkSecondFactor(user: UserEntity, code: string | undefined, now: Date): Promise<void> {
    if (code === undefined) {
      throw new DomainError(
        'unauthenticated',
        {
          it: 'Inserisci il codice della tua app di autenticazione (o un codice di recupero) come "code".',
          en: 'Enter the code of your authenticator app (or a recovery code) as "code".',
        },
        { secondFactor: 'required' },
      );
    }
    const outcome = await this.secondFactor.check(user.id, user.totpSecret!, code);
    if (outcome === 'used') {
      // Not counted: the code was right, once.
      throw new DomainError(
        'unauthenticated',
        {
          it: 'Questo codice è già stato usato: attendi il successivo.',
          en: 'This code has already been used: wait for the next one.',
        },
        {
          secondFactor: 'used',
        },
      );
    }
    if (outcome === 'wrong') {
      await this.recordFailure(user, now);
      throw new DomainError(
        'unauthenticated',
        { it: 'Codice errato.', en: 'Wrong code.' },
        { secondFactor: 'wrong' },
      );
    }
  }

  /** Opens a session for a user already identified, and signs its token. */
  async openSession(
    userId: string,
    kind: SessionKind,
    csrfToken: string | null,
    mustEnrol = false,
  ): Promise<{ token: string; session: OpenSession }> {
    const session = await this.sessions.open(userId, kind, csrfToken, mustEnrol);
    const lifetime = Math.max(1, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000));
    return {
      token: await this.jwt.signAsync({ sub: userId, sid: session.id }, { expiresIn: lifetime }),
      session,
    };
  }

  /**
   * The user and session a token stands for; throws `unauthenticated` for a bad or expired token, and for
   * one whose session ended (logout, deactivation, new password, lockout, revocation) or sat idle too long.
   */
  async verify(token: string): Promise<VerifiedSession> {
    let claims: { sub: string; sid?: string };
    try {
      claims = await this.jwt.verifyAsync<{ sub: string; sid?: string }>(token);
    } catch {
      throw new DomainError('unauthenticated', SESSION_EXPIRED);
    }
    // A token signed with our key but naming no user or session (an old format, a forged claim) is no session.
    if (!isUuid(claims.sub) || typeof claims.sid !== 'string' || !isUuid(claims.sid)) {
      throw new DomainError('unauthenticated', SESSION_EXPIRED);
    }
    const row = await this.sessions.use(claims.sid, claims.sub);
    if (!row) throw new DomainError('unauthenticated', SESSION_EXPIRED);
    return {
      user: {
        id: row.id,
        email: row.email,
        fullName: row.full_name,
        role: row.role as Role,
        organisation: {
          id: row.organisation_id,
          name: row.name,
          type: row.type as OrganisationType,
          ambito: row.ambito,
        },
      },
      session: { id: row.session_id, kind: row.kind, csrfToken: row.csrf_token, mustEnrol: row.must_enrol },
    };
  }

  /**
   * The user's own new password, proved by the current one (a wrong one counts as a failed login: a session
   * left open is not a way to guess it). Every other session of the user ends; the one that asked goes on.
   * Returns how many ended.
   */
  async changePassword(
    user: AuthenticatedUser,
    sessionId: string,
    body: unknown,
  ): Promise<{ endedSessions: number }> {
    if (!this.localLogin) {
      throw new DomainError('forbidden', PASSWORDS_ELSEWHERE, { rule: 'local_login_off' });
    }
    const change = parseInput(passwordChangeSchema, body);
    const record = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.id });
    if (!(await verifyPassword(record.passwordHash, change.currentPassword))) {
      await this.recordFailure(record, this.clock.now());
      throw DomainError.invalidPayload([
        { field: 'currentPassword', reason: 'is not your current password' },
      ]);
    }
    const passwordHash = await hashPassword(change.newPassword);
    const endedSessions = await this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(UserEntity)
        .update({ id: user.id }, { passwordHash, failedLogins: 0, lockedUntil: null });
      return this.sessions.endOthersOf(user.id, sessionId, 'password_changed', manager);
    });
    return { endedSessions };
  }

  logout(sessionId: string): Promise<void> {
    return this.sessions.end(sessionId, 'logout');
  }

  private async recordFailure(user: UserEntity, now: Date): Promise<void> {
    // One atomic statement, so parallel guesses cannot slip past the count. The guess that locks the account
    // also ends its sessions: someone is trying its password, and whoever holds a session logs in again.
    await this.dataSource.query(
      `WITH counted AS (
         UPDATE users SET
           failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
         WHERE id = $1 RETURNING locked_until)
       UPDATE sessions SET ended_at = now(), end_reason = 'locked'
       WHERE user_id = $1 AND ended_at IS NULL AND (SELECT locked_until FROM counted) = $3::timestamptz`,
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
