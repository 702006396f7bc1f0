// A second factor for local accounts: TOTP (RFC 6238, through otplib), required for the roles that see the
// most (amministratore, dpo), optional for the others, with single-use recovery codes kept as hashes.
// Like sessions, it runs on real time: the authenticator app on the phone does.
import { createHash, randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import type { Role } from '../../workflows/case/index.js';
import { DomainError, parseInput } from '../common/index.js';
import type { AuthenticatedUser } from './authentication.service.js';
import { verifyPassword } from './passwords.js';

/** The roles that must log in with a second factor: they see or change the most. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['amministratore', 'dpo'];

export const secondFactorRequired = (role: Role) => SECOND_FACTOR_ROLES.includes(role);

/** What the login form may ask for: a 6-digit code, or a recovery code (12 characters, dashes optional). */
export const secondFactorCode = z.string().trim().min(6).max(20);

const confirmSchema = z.strictObject({ code: secondFactorCode });

/** Turning it off asks the user to prove it is them again: the current password, or a current code. */
const disableSchema = z
  .strictObject({ password: z.string().min(1).max(200).optional(), code: secondFactorCode.optional() })
  .refine((proof) => (proof.password === undefined) !== (proof.code === undefined), {
    message: 'give either the current password or a current code',
  });

/** How a second factor was turned off: proved by the user's password or a code, or an amministratore's reset. */
export type TurnedOffBy = 'password' | 'codice' | 'amministratore';

const ISSUER = 'Percorsi';
/** One step either side: a phone clock a little off, a code typed as it turns. */
const TOLERANCE_SECONDS = 30;
const RECOVERY_CODE_COUNT = 10;
/** No 0/O, 1/I/L: recovery codes are read off paper. 31 letters, 12 of them: about 59 bits each. */
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export type SecondFactorCheck = 'ok' | 'wrong' | 'used';

export interface Enrolment {
  /** The key to type into the app by hand (Base32). */
  secret: string;
  /** The otpauth:// URI the QR code holds. */
  uri: string;
  /** The QR code, an SVG as a data: URL. */
  qrCode: string;
}

@Injectable()
export class SecondFactor {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async status(userId: string, role: Role): Promise<{ enabled: boolean; required: boolean }> {
    const [row] = await this.dataSource.query(
      'SELECT totp_secret IS NOT NULL AS enabled FROM users WHERE id = $1',
      [userId],
    );
    return { enabled: row.enabled, required: secondFactorRequired(role) };
  }

  /** A new secret, kept aside until a code made from it shows that the app holds it. */
  async startEnrolment(user: AuthenticatedUser): Promise<Enrolment> {
    const secret = generateSecret();
    await this.dataSource.query('UPDATE users SET totp_pending_secret = $2 WHERE id = $1', [user.id, secret]);
    const uri = generateURI({ issuer: ISSUER, label: user.email, secret });
    const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  /**
   * Turns the second factor on once `code` matches the secret being enrolled; returns the recovery codes,
   * shown this once (only their hashes are kept). A session that had to enrol may now do everything.
   */
  async confirmEnrolment(user: AuthenticatedUser, body: unknown): Promise<{ recoveryCodes: string[] }> {
    const { code } = parseInput(confirmSchema, body);
    const [row] = await this.dataSource.query('SELECT totp_pending_secret FROM users WHERE id = $1', [
      user.id,
    ]);
    if (!row.totp_pending_secret) {
      throw DomainError.invalidPayload([
        { field: 'code', reason: 'start the enrolment first: no key is waiting' },
      ]);
    }
    const step = await matchingStep(row.totp_pending_secret, code);
    if (step === null) {
      throw DomainError.invalidPayload([
        {
          field: 'code',
          reason: 'not the code the app shows now for this key: check the phone’s time and retry',
        },
      ]);
    }
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = $2
         WHERE id = $1`,
        [user.id, step],
      );
      await manager.query('DELETE FROM recovery_codes WHERE user_id = $1', [user.id]);
      await manager.query('INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])', [
        user.id,
        recoveryCodes.map(hashRecoveryCode),
      ]);
      await manager.query('UPDATE sessions SET must_enrol = false WHERE user_id = $1 AND must_enrol', [
        user.id,
      ]);
      await manager.query(
        `INSERT INTO second_factor_changes (user_id, changed_by, change) VALUES ($1, $1, 'attivata')`,
        [user.id],
      );
    });
    return { recoveryCodes };
  }

  /**
   * Turns the user's own second factor off, for a role that may go without it (amministratore and DPO may
   * not), once they prove it is them again: the current password, or a current code of the app or a recovery
   * code (then spent). A wrong proof is a 422 naming the field.
   */
  async disable(user: AuthenticatedUser, body: unknown): Promise<{ enabled: false }> {
    if (secondFactorRequired(user.role)) {
      throw new DomainError(
        'forbidden',
        {
          it: `Il ruolo ${user.role} richiede la verifica in due passaggi: non si può disattivare.`,
          en: `The role ${user.role} requires two-step verification: it cannot be turned off.`,
        },
        { rule: 'second_factor_required' },
      );
    }
    const proof = parseInput(disableSchema, body);
    const [row] = await this.dataSource.query('SELECT password_hash, totp_secret FROM users WHERE id = $1', [
      user.id,
    ]);
    if (!row.totp_secret) return { enabled: false };
    if (proof.password !== undefined) {
      if (!(await verifyPassword(row.password_hash, proof.password))) {
        throw DomainError.invalidPayload([{ field: 'password', reason: 'is not your current password' }]);
      }
    } else if ((await this.check(user.id, row.totp_secret, proof.code!)) !== 'ok') {
      throw DomainError.invalidPayload([
        { field: 'code', reason: 'is not a current code of your app nor an unused recovery code' },
      ]);
    }
    await this.dataSource.transaction((manager) =>
      this.turnOff(manager, user.id, user.id, proof.password !== undefined ? 'password' : 'codice'),
    );
    return { enabled: false };
  }

  /** Forgets the user's key and recovery codes, and records who turned it off and how. */
  async turnOff(manager: EntityManager, userId: string, changedBy: string, by: TurnedOffBy): Promise<void> {
    await manager.query(
      'UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_last_step = NULL WHERE id = $1',
      [userId],
    );
    await manager.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
    await manager.query(
      `INSERT INTO second_factor_changes (user_id, changed_by, change, proof) VALUES ($1, $2, 'disattivata', $3)`,
      [userId, changedBy, by],
    );
  }

  /**
   * Whether `code` opens the account whose confirmed secret is `secret`: a TOTP code of a time step not used
   * before (a code opens one login: RFC 6238 §5.2), or a recovery code not used before, which is then spent.
   */
  async check(userId: string, secret: string, code: string): Promise<SecondFactorCheck> {
    const recovery = normaliseRecoveryCode(code);
    if (recovery.length === 12) {
      const [spent] = await this.dataSource.query(
        `UPDATE recovery_codes SET used_at = now()
         WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id`,
        [userId, hashRecoveryCode(recovery)],
      );
      return spent.length > 0 ? 'ok' : 'wrong';
    }
    const step = await matchingStep(secret, code.trim());
    if (step === null) return 'wrong';
    // Atomic: of two logins racing with one code, one moves the step and the other finds it used.
    const [rows] = await this.dataSource.query(
      `UPDATE users SET totp_last_step = $2
       WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
      [userId, step],
    );
    return rows.length > 0 ? 'ok' : 'used';
  }
}

/** The time step whose code `code` is, within the tolerance, or null. */
async function matchingStep(secret: string, code: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({ secret, token: code, epochTolerance: TOLERANCE_SECONDS });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

function newRecoveryCode(): string {
  const letters = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return [0, 4, 8].map((start) => letters.slice(start, start + 4).join('')).join('-');
}

function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** Recovery codes are random (about 59 bits), so one fast hash suffices, as for any random token. */
function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}
