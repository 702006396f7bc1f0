// Every endpoint needs a session unless it is marked @Public(): the browser's cookie (and, for a request that
// changes something, its CSRF token) or an API client's bearer token.
import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import {
  AuthenticationService,
  type AuthenticatedUser,
  type VerifiedSession,
} from '../../../libs/access/index.js';
import { DomainError } from '../../../libs/common/index.js';
import { passesCsrfCheck, SessionCookie } from './browser-session.js';

const PUBLIC = 'percorsi:public';
export const Public = () => SetMetadata(PUBLIC, true);

const BEFORE_ENROLMENT = 'percorsi:before-enrolment';
/** What a user who must still set up the second factor may call: who they are, the enrolment, logout. */
export const AllowedBeforeEnrolment = () => SetMetadata(BEFORE_ENROLMENT, true);

export type AuthenticatedRequest = Request & {
  user: AuthenticatedUser;
  authSession: VerifiedSession['session'];
};

@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthenticationService) private readonly authentication: AuthenticationService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const verified = await this.authentication.verify(this.credential(request));
    // The kind is the session's, not the request's: a browser session's token sent as a bearer header
    // still needs its CSRF token, so the header cannot be used to get around the check.
    if (
      verified.session.kind === 'browser' &&
      !passesCsrfCheck(request, context.switchToHttp().getResponse<Response>(), verified.session.csrfToken)
    ) {
      throw new DomainError(
        'forbidden',
        {
          it: 'Alla richiesta manca il token CSRF della pagina (X-CSRF-Token): ricarica la pagina e riprova.',
          en: 'This request lacks the page’s CSRF token (X-CSRF-Token): reload the page and try again.',
        },
        { rule: 'csrf' },
      );
    }
    if (
      verified.session.mustEnrol &&
      !this.reflector.getAllAndOverride<boolean>(BEFORE_ENROLMENT, [context.getHandler(), context.getClass()])
    ) {
      throw new DomainError(
        'forbidden',
        {
          it: 'Il tuo ruolo richiede la verifica in due passaggi: attivala prima (POST /api/auth/second-factor).',
          en: 'Your role requires a second factor: set it up first (POST /api/auth/second-factor).',
        },
        { rule: 'second_factor_enrolment' },
      );
    }
    request.user = verified.user;
    request.authSession = verified.session;
    return true;
  }

  private credential(request: Request): string {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const [scheme, token] = authorization.split(' ');
      if (scheme === 'Bearer' && token) return token;
    } else {
      const token = this.cookie.read(request);
      if (token) return token;
    }
    throw new DomainError('unauthenticated', {
      it: 'Accedi prima: l’app web tiene la sessione in un cookie; i client dell’API inviano "Authorization: Bearer <token>".',
      en: 'Log in first: the web app keeps its session in a cookie; API clients send "Authorization: Bearer <token>".',
    });
  }
}
