// The amministratore of an ambito manages its organisations and users (and, in administration-deadlines.ts,
// its deadline rules): their own ambito only. Every change is validated and keeps what is saved when refused.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { email, newPassword, ORGANISATION_TYPES, ROLES, text } from '../../workflows/case/index.js';
import {
  administeredAmbito,
  hashPassword,
  SecondFactor,
  SessionStore,
  type AuthenticatedUser,
} from '../access/index.js';
import { DomainError, NO_SUCH, parseInput } from '../common/index.js';
import { OrganisationEntity, UserEntity } from '../persistence/entities/index.js';

const ambito = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]+$/, 'must be lower case letters, digits and underscores')
  .max(60);

const organisationSchema = z.strictObject({
  name: text(200, 2),
  type: z.enum(ORGANISATION_TYPES),
  /** Optional: always the amministratore's own; another one is refused with 403. */
  ambito: ambito.optional(),
});

const password = newPassword;

const newUserSchema = z.strictObject({
  email,
  fullName: text(200, 2),
  role: z.enum(ROLES),
  organisationId: z.uuid(),
  password,
});

const userChangeSchema = z
  .strictObject({
    fullName: text(200, 2).optional(),
    role: z.enum(ROLES).optional(),
    organisationId: z.uuid().optional(),
    password: password.optional(),
    /** false deactivates: no login, and every session the user holds ends at once. */
    active: z.boolean().optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'name at least one field to change');

const UNIQUE_VIOLATION = '23505';

export interface AdministeredUser {
  id: string;
  email: string;
  fullName: string;
  role: UserEntity['role'];
  organisationId: string;
  organisationName: string;
  active: boolean;
  lockedUntil: Date | null;
  /** Whether the user has a second factor set up (never the key). */
  secondFactor: boolean;
}

@Injectable()
export class AdministrationService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(SecondFactor) private readonly secondFactor: SecondFactor,
  ) {}

  async listOrganisations(admin: AuthenticatedUser) {
    return this.dataSource
      .getRepository(OrganisationEntity)
      .find({ where: { ambito: administeredAmbito(admin) }, order: { name: 'ASC' } });
  }

  async createOrganisation(admin: AuthenticatedUser, body: unknown) {
    const own = administeredAmbito(admin);
    const organisation = parseInput(organisationSchema, body);
    administeredAmbito(admin, organisation.ambito);
    return this.dataSource.getRepository(OrganisationEntity).save({ ...organisation, ambito: own });
  }

  async listUsers(admin: AuthenticatedUser): Promise<AdministeredUser[]> {
    const users = await this.dataSource.getRepository(UserEntity).find({
      where: { organisation: { ambito: administeredAmbito(admin) } },
      relations: { organisation: true },
      order: { email: 'ASC' },
    });
    return users.map((user) => this.publicUser(user));
  }

  async createUser(admin: AuthenticatedUser, body: unknown): Promise<AdministeredUser> {
    const own = administeredAmbito(admin);
    const { password: plain, ...user } = parseInput(newUserSchema, body);
    await this.requireOrganisation(user.organisationId, own);
    try {
      const saved = await this.dataSource
        .getRepository(UserEntity)
        .save({ ...user, email: user.email.toLowerCase(), passwordHash: await hashPassword(plain) });
      return this.findUser(saved.id);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new DomainError(
          'invalid_payload',
          { it: 'Esiste già un utente con questa e-mail.', en: 'A user with this e-mail already exists.' },
          {
            fields: [{ field: 'email', reason: 'already used by another user' }],
          },
        );
      }
      throw error;
    }
  }

  async changeUser(admin: AuthenticatedUser, userId: string, body: unknown): Promise<AdministeredUser> {
    const own = administeredAmbito(admin);
    const { password: plain, ...change } = parseInput(userChangeSchema, body);
    const current = await this.requireAdministered(admin, userId);
    // The ambito keeps someone who can administer it: nobody takes that away from themselves.
    if (userId === admin.id && (change.active === false || (change.role && change.role !== admin.role))) {
      throw DomainError.invalidPayload([
        {
          field: change.active === false ? 'active' : 'role',
          reason:
            'you cannot deactivate yourself or give up your own administration: ask another amministratore',
        },
      ]);
    }
    if (change.organisationId) await this.requireOrganisation(change.organisationId, own);
    // A new password also lifts a lockout.
    const credentials = plain
      ? { passwordHash: await hashPassword(plain), failedLogins: 0, lockedUntil: null }
      : {};
    // In one transaction with the change: no request is served on the old password or the deactivated
    // account once it commits.
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(UserEntity).update({ id: current.id }, { ...change, ...credentials });
      if (change.active === false) await this.sessions.endAllOf(current.id, 'deactivated', manager);
      else if (plain) await this.sessions.endAllOf(current.id, 'password_changed', manager);
    });
    return this.findUser(userId);
  }

  /** Ends every session the user holds (a lost phone, a shared PC left logged in); returns how many. */
  async endSessions(admin: AuthenticatedUser, userId: string): Promise<{ ended: number }> {
    const user = await this.requireAdministered(admin, userId);
    return { ended: await this.sessions.endAllOf(user.id, 'revoked') };
  }

  /**
   * Turns a user's second factor off (a lost phone, and the recovery codes with it) and ends their sessions:
   * they log in with the password alone, and set it up again, which their role may require at once.
   */
  async resetSecondFactor(admin: AuthenticatedUser, userId: string): Promise<AdministeredUser> {
    const user = await this.requireAdministered(admin, userId);
    await this.dataSource.transaction(async (manager) => {
      await this.secondFactor.turnOff(manager, user.id, admin.id, 'amministratore');
      await this.sessions.endAllOf(user.id, 'revoked', manager);
    });
    return this.findUser(userId);
  }

  /** The user, if they belong to the amministratore's ambito (404 if there is none, 403 if another's). */
  private async requireAdministered(admin: AuthenticatedUser, userId: string): Promise<AdministeredUser> {
    const user = await this.findUser(userId);
    const [{ ambito }] = await this.dataSource.query(
      'SELECT o.ambito FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1',
      [userId],
    );
    administeredAmbito(admin, ambito);
    return user;
  }

  private async findUser(userId: string): Promise<AdministeredUser> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { id: userId }, relations: { organisation: true } });
    if (!user) throw new DomainError('not_found', NO_SUCH.user, { userId });
    return this.publicUser(user);
  }

  private async requireOrganisation(organisationId: string, ambito: string): Promise<void> {
    const exists = await this.dataSource
      .getRepository(OrganisationEntity)
      .exists({ where: { id: organisationId, ambito } });
    if (!exists) {
      throw DomainError.invalidPayload([
        { field: 'organisationId', reason: 'names no organisation of your ambito' },
      ]);
    }
  }

  private publicUser(user: UserEntity): AdministeredUser {
    const { id, email, fullName, role, organisationId, active, lockedUntil, totpSecret } = user;
    return {
      id,
      email,
      fullName,
      role,
      organisationId,
      organisationName: user.organisation!.name,
      active,
      lockedUntil,
      secondFactor: totpSecret !== null,
    };
  }
}
