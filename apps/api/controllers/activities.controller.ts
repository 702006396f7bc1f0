import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { viewerOf, type AuthenticatedUser } from '../../../libs/access/index.js';
import { Worklist } from '../../../libs/engine/index.js';
import { CurrentUser } from '../http/current-user.decorator.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('activities')
export class ActivitiesController {
  constructor(@Inject(Worklist) private readonly worklist: Worklist) {}

  @Get()
  @ApiOperation({
    summary:
      'Le mie attività: deadlines due or passed, meetings invited to, plans awaiting signature, checks due, triage',
  })
  @ApiQuery({ name: 'days', required: false, type: Number, description: 'how far ahead (1-90, default 14)' })
  list(@Query() query: unknown, @CurrentUser() user: AuthenticatedUser) {
    return this.worklist.of(query, viewerOf(user));
  }
}
