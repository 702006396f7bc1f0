import { Body, Controller, Get, Headers, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { viewerOf, type AuthenticatedUser } from '../../../libs/access/index.js';
import { CaseDiary, diaryEditSchema, newDiaryEntrySchema } from '../../../libs/diary/index.js';
import { CaseIdPipe } from '../http/case-id.pipe.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { purposeOf } from '../http/purpose.js';

/** Why the diary is read when the client does not say: the audit log needs one. */
const DEFAULT_PURPOSE = 'consultazione del diario';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:id/diary')
export class DiaryController {
  constructor(@Inject(CaseDiary) private readonly diary: CaseDiary) {}

  @Get()
  @ApiOperation({
    summary:
      'The diary of the percorso, newest day first; entries of a category you do not read show only it',
  })
  @ApiHeader({
    name: 'X-Purpose',
    required: false,
    description: 'why protected entries are read (audit log)',
  })
  list(
    @Param('id', CaseIdPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('x-purpose') purpose?: string,
  ) {
    return this.diary.list(id, viewerOf(user), purposeOf(purpose) ?? DEFAULT_PURPOSE);
  }

  @Post()
  @ApiOperation({ summary: 'Write a diary entry {date, category, text}' })
  @ApiBody({ schema: z.toJSONSchema(newDiaryEntrySchema, { io: 'input' }) as object })
  write(@Param('id', CaseIdPipe) id: string, @Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    return this.diary.write(id, body, viewerOf(user));
  }

  @Put(':entryId')
  @ApiOperation({ summary: 'Rewrite your own entry {text, expectedVersion}; the earlier text is kept' })
  @ApiBody({ schema: z.toJSONSchema(diaryEditSchema, { io: 'input' }) as object })
  edit(
    @Param('id', CaseIdPipe) id: string,
    @Param('entryId') entryId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.diary.edit(id, entryId, body, viewerOf(user));
  }
}
