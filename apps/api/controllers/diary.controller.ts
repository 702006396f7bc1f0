import { Body, Controller, Get, Headers, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { viewerOf, type AuthenticatedUser } from '../../../libs/access/index.js';
import { Diary } from '../../../libs/diary/index.js';
import { diaryEditSchema, diaryEntrySchema } from '../../../workflows/case/index.js';
import { CaseIdPipe } from '../http/case-id.pipe.js';
import { CurrentUser } from '../http/current-user.decorator.js';

const purposeOf = (header: string | undefined) => header?.trim().slice(0, 200) || undefined;

@ApiTags('diary')
@ApiBearerAuth()
@Controller('cases/:id/diary')
export class DiaryController {
  constructor(@Inject(Diary) private readonly diary: Diary) {}

  @Get()
  @ApiOperation({
    summary: 'The case’s diary, newest day first; entries of a category you may not read are withheld',
  })
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'why protected data is read (audit log)' })
  list(
    @Param('id', CaseIdPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('x-purpose') purpose?: string,
  ) {
    return this.diary.list(id, viewerOf(user), purposeOf(purpose));
  }

  @Post()
  @ApiOperation({ summary: 'Add a dated entry {occurredOn, category, text}' })
  @ApiBody({ schema: z.toJSONSchema(diaryEntrySchema, { io: 'input' }) as object })
  add(@Param('id', CaseIdPipe) id: string, @Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    return this.diary.add(id, viewerOf(user), body);
  }

  @Put(':entryId')
  @ApiOperation({ summary: 'Edit your own entry {entry, expectedVersion}; the earlier version is kept' })
  @ApiBody({ schema: z.toJSONSchema(diaryEditSchema, { io: 'input' }) as object })
  edit(
    @Param('id', CaseIdPipe) id: string,
    @Param('entryId') entryId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.diary.edit(id, entryId, viewerOf(user), body);
  }

  @Get(':entryId/versions')
  @ApiOperation({ summary: 'Every version of an entry, oldest first' })
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'why protected data is read (audit log)' })
  versions(
    @Param('id', CaseIdPipe) id: string,
    @Param('entryId') entryId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('x-purpose') purpose?: string,
  ) {
    return this.diary.versions(id, entryId, viewerOf(user), purposeOf(purpose));
  }
}
