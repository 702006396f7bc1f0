import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../../libs/access/index.js';
import { parseInput } from '../../../libs/common/index.js';
import { myNotificationsQuerySchema, NotificationRepository } from '../../../libs/notifications/index.js';
import { CurrentUser } from '../http/current-user.decorator.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(@Inject(NotificationRepository) private readonly notifications: NotificationRepository) {}

  @Get()
  @ApiOperation({ summary: 'The e-mails Percorsi sent me (reminders and notices), newest first' })
  @ApiQuery({ name: 'before', required: false, type: Number, description: 'nextBefore of the previous page' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1-100, default 50' })
  mine(@Query() query: unknown, @CurrentUser() user: AuthenticatedUser) {
    return this.notifications.forRecipient(user.id, parseInput(myNotificationsQuerySchema, query));
  }
}
