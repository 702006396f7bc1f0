import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { requireRole, type AuthenticatedUser } from '../../../libs/access/index.js';
import { AdministrationService } from '../../../libs/directory/index.js';
import { CurrentUser } from '../http/current-user.decorator.js';

const manage = 'manage organisations and users';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(@Inject(AdministrationService) private readonly administration: AdministrationService) {}

  @Get('organisations')
  @ApiOperation({ summary: 'Administrators: every organisation of every ambito' })
  organisations(@CurrentUser() user: AuthenticatedUser) {
    requireRole(user.role, 'amministratore', manage);
    return this.administration.listOrganisations();
  }

  @Post('organisations')
  @ApiOperation({ summary: 'Administrators: add an organisation {name, type, ambito}' })
  createOrganisation(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    requireRole(user.role, 'amministratore', manage);
    return this.administration.createOrganisation(body);
  }

  @Get('users')
  @ApiOperation({ summary: 'Administrators: every user (never a password hash)' })
  users(@CurrentUser() user: AuthenticatedUser) {
    requireRole(user.role, 'amministratore', manage);
    return this.administration.listUsers();
  }

  @Post('users')
  @ApiOperation({ summary: 'Administrators: add a user {email, fullName, role, organisationId, password}' })
  createUser(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    requireRole(user.role, 'amministratore', manage);
    return this.administration.createUser(body);
  }

  @Patch('users/:id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Administrators: change a user’s name, role, organisation or password' })
  changeUser(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    requireRole(user.role, 'amministratore', manage);
    return this.administration.changeUser(id, body);
  }
}
