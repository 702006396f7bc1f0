// Login with e-mail and password, and the signed token every other request carries.
import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Role } from '../../workflows/case/index.js';
import { DomainError, zodProblems } from '../common/index.js';
import { UserEntity } from '../persistence/entities/index.js';
import { hashPassword, verifyPassword } from './passwords.js';

export interface AuthenticatedUser {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  organisation: { id: string; name: string; type: string; ambito: string };
}

export const loginSchema = z.strictObject({
  email: z.email().max(200),
  password: z.string().min(1).max(200),
});

@Injectable()
export class AuthenticationService {
  // Verified against when the e-mail is unknown, so a wrong e-mail costs the same time as a wrong password.
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(JwtService) private readonly jwt: JwtService,
  ) {}

  async login(body: unknown): Promise<{ token: string; user: AuthenticatedUser }> {
    const parsed = loginSchema.safeParse(body);
    if (!parsed.success) throw DomainError.invalidPayload(zodProblems(parsed.error));
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { email: parsed.data.email.toLowerCase() }, relations: { organisation: true } });
    const valid = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), parsed.data.password);
    if (!user || !valid) throw new DomainError('unauthenticated', 'Wrong e-mail or password.');
    const authenticated = this.toAuthenticated(user);
    return { token: await this.jwt.signAsync({ sub: user.id }), user: authenticated };
  }

  /** The user a bearer token stands for; throws `unauthenticated` for a missing, bad or expired token. */
  async verify(token: string): Promise<AuthenticatedUser> {
    let userId: string;
    try {
      userId = (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
    } catch {
      throw new DomainError('unauthenticated', 'The session is invalid or has expired: log in again.');
    }
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { id: userId }, relations: { organisation: true } });
    if (!user)
      throw new DomainError('unauthenticated', 'The session is invalid or has expired: log in again.');
    return this.toAuthenticated(user);
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
