// Administrators manage organisations and users (issue: access control, "organisations and territories").
// Every change is validated and keeps what is saved when refused.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { email, ORGANISATION_TYPES, rawText, ROLES, text } from '../../workflows/case/index.js';
import { hashPassword } from '../access/passwords.js';
import { DomainError, zodProblems } from '../common/index.js';
import { OrganisationEntity, UserEntity } from '../persistence/entities/index.js';

export const MIN_PASSWORD_LENGTH = 12;

const organisationSchema = z.strictObject({
  name: text(200, 2),
  type: z.enum(ORGANISATION_TYPES),
  ambito: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]+$/, 'must be lower case letters, digits and underscores')
    .max(60),
});

const password = rawText(200).min(MIN_PASSWORD_LENGTH);

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
  })
  .refine((change) => Object.keys(change).length > 0, 'name at least one field to change');

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw DomainError.invalidPayload(zodProblems(parsed.error));
  return parsed.data;
}

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class AdministrationService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async listOrganisations() {
    return this.dataSource.getRepository(OrganisationEntity).find({ order: { ambito: 'ASC', name: 'ASC' } });
  }

  async createOrganisation(body: unknown) {
    return this.dataSource.getRepository(OrganisationEntity).save(parse(organisationSchema, body));
  }

  async listUsers() {
    const users = await this.dataSource
      .getRepository(UserEntity)
      .find({ relations: { organisation: true }, order: { email: 'ASC' } });
    return users.map((user) => this.publicUser(user));
  }

  async createUser(body: unknown) {
    const { password: plain, ...user } = parse(newUserSchema, body);
    await this.requireOrganisation(user.organisationId);
    try {
      const saved = await this.dataSource
        .getRepository(UserEntity)
        .save({ ...user, email: user.email.toLowerCase(), passwordHash: await hashPassword(plain) });
      return this.publicUser(saved);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new DomainError('invalid_payload', 'A user with this e-mail already exists.', {
          fields: [{ field: 'email', reason: 'already used by another user' }],
        });
      }
      throw error;
    }
  }

  async changeUser(userId: string, body: unknown) {
    const { password: plain, ...change } = parse(userChangeSchema, body);
    const users = this.dataSource.getRepository(UserEntity);
    const user = await users.findOne({ where: { id: userId } });
    if (!user) throw new DomainError('not_found', 'No such user.', { userId });
    if (change.organisationId) await this.requireOrganisation(change.organisationId);
    // A new password also lifts a lockout.
    const credentials = plain
      ? { passwordHash: await hashPassword(plain), failedLogins: 0, lockedUntil: null }
      : {};
    await users.update({ id: userId }, { ...change, ...credentials });
    return this.publicUser((await users.findOne({ where: { id: userId } }))!);
  }

  private async requireOrganisation(organisationId: string): Promise<void> {
    const exists = await this.dataSource
      .getRepository(OrganisationEntity)
      .exists({ where: { id: organisationId } });
    if (!exists) {
      throw DomainError.invalidPayload([{ field: 'organisationId', reason: 'names no organisation' }]);
    }
  }

  private publicUser(user: UserEntity) {
    const { id, email, fullName, role, organisationId, lockedUntil } = user;
    return { id, email, fullName, role, organisationId, lockedUntil };
  }
}
