import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AuthenticationService, loginSchema, type AuthenticatedUser } from '../../../libs/access/index.js';
import { newCsrfToken, SessionCookie } from '../http/browser-session.js';
import { Public, type AuthenticatedRequest } from '../http/authentication.guard.js';
import { CurrentUser } from '../http/current-user.decorator.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    @Inject(AuthenticationService) private readonly authentication: AuthenticationService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'API clients: log in with e-mail and password; returns a bearer token and when it expires',
  })
  @ApiBody({ schema: z.toJSONSchema(loginSchema) as object })
  async login(@Body() body: unknown, @Ip() ip: string) {
    const { token, session, user } = await this.authentication.login(body, ip, 'bearer', null);
    return { token, expiresAt: session.expiresAt, user };
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
    return { user, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }

  @Get('auth/session')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The current session: the user and, for the web app, its CSRF token' })
  currentSession(@Req() request: AuthenticatedRequest) {
    return { user: request.user, csrfToken: request.authSession.csrfToken };
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Ends the session this request came with (cookie or bearer token) at once' })
  async logout(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response) {
    await this.authentication.logout(request.authSession.id);
    this.cookie.clear(response);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in user, organisation and role' })
  me(@CurrentUser() user: AuthenticatedUser) {
    return user;
  }
}
