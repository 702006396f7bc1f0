import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../../libs/access/index.js';
import { DirectoryService } from '../../../libs/directory/index.js';
import { CurrentUser } from '../http/current-user.decorator.js';

@ApiTags('directory')
@ApiBearerAuth()
@Controller()
export class DirectoryController {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}

  @Get('organisations')
  @ApiOperation({ summary: 'The organisations of the user’s ambito (id, name, type, ambito)' })
  organisations(@CurrentUser() user: AuthenticatedUser) {
    return this.directory.organisations(user.organisation.ambito);
  }

  @Get('users')
  @ApiOperation({ summary: 'The users of the user’s ambito (id, fullName, role, organisation)' })
  users(@CurrentUser() user: AuthenticatedUser) {
    return this.directory.users(user.organisation.ambito);
  }
}
