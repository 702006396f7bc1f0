import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  AuthenticationService,
  loginSchema,
  passwordChangeSchema,
  SecondFactor,
  SingleSignOn,
  type AuthenticatedUser,
} from '../../../libs/access/index.js';
import { DomainError } from '../../../libs/common/index.js';
import { logJson } from '../../../libs/observability/index.js';
import { newCsrfToken, SessionCookie } from '../http/browser-session.js';
import { AllowedBeforeEnrolment, Public, type AuthenticatedRequest } from '../http/authentication.guard.js';
import { CurrentUser } from '../http/current-user.decorator.js';

const TRANSACTION_COOKIE = 'percorsi-oidc';

/**
 * The callback's address on the host the browser used (register it with the provider); with `path`, the
 * address the provider sent the browser back to, query included.
 */
function callbackUrl(request: Request, path = '/api/auth/oidc/callback'): URL {
  return new URL(path, `${request.protocol}://${request.get('host')}`);
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    @Inject(AuthenticationService) private readonly authentication: AuthenticationService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
    @Inject(SecondFactor) private readonly secondFactor: SecondFactor,
    @Inject(SingleSignOn) private readonly singleSignOn: SingleSignOn,
  ) {}

  @Public()
  @Get('auth/methods')
  @ApiOperation({ summary: 'How one may log in here: passwords, and the identity provider (its label)' })
  methods() {
    return {
      local: this.authentication.localLogin,
      singleSignOn: this.singleSignOn.enabled ? { label: this.singleSignOn.label } : null,
    };
  }

  @Public()
  @Get('auth/oidc')
  @ApiOperation({
    summary: 'The web app: sign in through the identity provider (OpenID Connect, code + PKCE)',
  })
  async startSingleSignOn(@Req() request: Request, @Res() response: Response) {
    const { url, transaction } = await this.singleSignOn.start(callbackUrl(request).href);
    // Lax, not Strict: it must come back with the provider's redirect, a navigation from another site.
    response.cookie(TRANSACTION_COOKIE, transaction, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.cookie.secure,
      path: '/api/auth/oidc',
      maxAge: this.singleSignOn.transactionMinutes * 60_000,
    });
    response.redirect(303, url.href);
  }

  @Public()
  @Get('auth/oidc/callback')
  @ApiOperation({
    summary: 'Where the identity provider sends the browser back; opens the session, then the UI',
  })
  async finishSingleSignOn(@Req() request: Request, @Res() response: Response) {
    response.clearCookie(TRANSACTION_COOKIE, { path: '/api/auth/oidc' });
    try {
      const userId = await this.singleSignOn.finish(
        callbackUrl(request, request.originalUrl),
        (request.cookies as Record<string, string>)[TRANSACTION_COOKIE],
      );
      // The provider answers for the second factor of its own accounts: TOTP is for local passwords.
      const { token } = await this.authentication.openSession(userId, 'browser', newCsrfToken(request));
      this.cookie.set(response, token);
      response.redirect(303, '/');
    } catch (error) {
      const unknown = error instanceof DomainError && error.details.rule === 'unknown_identity';
      if (!unknown) logJson('warn', 'OpenID Connect sign-in failed', { error: String(error) });
      response.redirect(303, `/login?accesso=${unknown ? 'sconosciuto' : 'non-riuscito'}`);
    }
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'API clients: log in with e-mail and password; returns a bearer token and when it expires',
  })
  @ApiBody({ schema: z.toJSONSchema(loginSchema) as object })
  async login(@Body() body: unknown, @Ip() ip: string) {
    const { token, session, user } = await this.authentication.login(body, ip, 'bearer', null);
    return { token, expiresAt: session.expiresAt, mustEnrol: session.mustEnrol, user };
  }

  @Public()
  @Post('auth/session')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The web app: log in; the session goes in an HttpOnly cookie, the answer carries the CSRF token to send as X-CSRF-Token',
  })
  @ApiBody({ schema: z.toJSONSchema(loginSchema) as object })
  async openBrowserSession(
    @Body() body: unknown,
    @Ip() ip: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { token, session, user } = await this.authentication.login(
      body,
      ip,
      'browser',
      newCsrfToken(request),
    );
    this.cookie.set(response, token);
    return {
      user,
      csrfToken: session.csrfToken,
      mustEnrol: session.mustEnrol,
      secondFactor: await this.secondFactor.status(user.id, user.role),
    };
  }

  @Get('auth/session')
  @AllowedBeforeEnrolment()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'The current session: the user, the CSRF token (web app), whether the second factor is on, required, still to set up',
  })
  async currentSession(@Req() request: AuthenticatedRequest) {
    return {
      user: request.user,
      csrfToken: request.authSession.csrfToken,
      mustEnrol: request.authSession.mustEnrol,
      secondFactor: await this.secondFactor.status(request.user.id, request.user.role),
    };
  }

  @Post('auth/second-factor')
  @HttpCode(200)
  @AllowedBeforeEnrolment()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Starts setting up TOTP: a new key {secret, uri (otpauth://), qrCode (SVG data URL)}, on only once confirmed',
  })
  startEnrolment(@CurrentUser() user: AuthenticatedUser) {
    return this.secondFactor.startEnrolment(user);
  }

  @Post('auth/second-factor/confirm')
  @HttpCode(200)
  @AllowedBeforeEnrolment()
  @ApiBearerAuth()
  @ApiBody({ schema: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] } })
  @ApiOperation({
    summary: 'Turns TOTP on with a code of the new key; returns ten single-use recovery codes, shown once',
  })
  confirmEnrolment(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown) {
    return this.secondFactor.confirmEnrolment(user, body);
  }

  @Post('auth/second-factor/disable')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiBody({
    schema: {
      type: 'object',
      properties: { password: { type: 'string' }, code: { type: 'string' } },
      description: 'either the current password or a current code (of the app, or a recovery code)',
    },
  })
  @ApiOperation({
    summary:
      'Turns your own TOTP off (not for amministratore and DPO, whose role requires it), proved by your password or a current code; recorded',
  })
  disableSecondFactor(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown) {
    return this.secondFactor.disable(user, body);
  }

  @Post('auth/password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiBody({ schema: z.toJSONSchema(passwordChangeSchema) as object })
  @ApiOperation({
    summary:
      'Changes your own password {currentPassword, newPassword} (same rule as everywhere: at least 12 characters); every other session of yours ends, this one goes on; 422 names the field and why',
  })
  changePassword(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    return this.authentication.changePassword(request.user, request.authSession.id, body);
  }

  @Post('auth/logout')
  @AllowedBeforeEnrolment()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Ends the session this request came with (cookie or bearer token) at once' })
  async logout(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response) {
    await this.authentication.logout(request.authSession.id);
    this.cookie.clear(response);
  }

  @Get('me')
  @AllowedBeforeEnrolment()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in user, organisation and role' })
  me(@CurrentUser() user: AuthenticatedUser) {
    return user;
  }
}
