import { Body, Controller, Get, HttpCode, Inject, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthenticationService, loginSchema, type AuthenticatedUser } from '../../../libs/access/index.js';
import { Public } from '../http/authentication.guard.js';
import { CurrentUser } from '../http/current-user.decorator.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(@Inject(AuthenticationService) private readonly authentication: AuthenticationService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with e-mail and password; returns a bearer token' })
  @ApiBody({ schema: z.toJSONSchema(loginSchema) as object })
  login(@Body() body: unknown, @Ip() ip: string) {
    return this.authentication.login(body, ip);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in user, organisation and role' })
  me(@CurrentUser() user: AuthenticatedUser) {
    return user;
  }
}
