// Every endpoint needs a valid bearer token unless it is marked @Public().
import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthenticationService, type AuthenticatedUser } from '../../../libs/access/index.js';
import { DomainError } from '../../../libs/common/index.js';

const PUBLIC = 'percorsi:public';
export const Public = () => SetMetadata(PUBLIC, true);

export type AuthenticatedRequest = Request & { user: AuthenticatedUser };

@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthenticationService) private readonly authentication: AuthenticationService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new DomainError(
        'unauthenticated',
        'Log in first: send the token as "Authorization: Bearer <token>".',
      );
    }
    request.user = await this.authentication.verify(token);
    return true;
  }
}
