import { Controller, Get, Header, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  AUDIT_CSV_MAX_ROWS,
  auditCsv,
  AuditLog,
  requireRole,
  type AuthenticatedUser,
} from '../../../libs/access/index.js';
import { parseInput } from '../../../libs/common/index.js';
import { isoDateTime } from '../../../workflows/case/index.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { requestLanguage } from '../http/language.js';

const READ_THE_AUDIT_LOG = { it: 'leggere il registro degli accessi', en: 'read the audit log' };

const auditQuerySchema = z.strictObject({
  caseId: z.uuid().optional(),
  userId: z.uuid().optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(@Inject(AuditLog) private readonly audit: AuditLog) {}

  @Get()
  @ApiOperation({
    summary:
      'DPO only: who read protected data or exported a case, when and why; each entry’s `fields` as recorded and `read`, the same in words (Accept-Language)',
  })
  @ApiQuery({ name: 'caseId', required: false })
  @ApiQuery({ name: 'userId', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'ISO date-time' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO date-time' })
  async search(@Query() query: unknown, @CurrentUser() user: AuthenticatedUser) {
    requireRole(user.role, 'dpo', READ_THE_AUDIT_LOG);
    const { page, pageSize, ...filter } = parseInput(auditQuerySchema, query);
    return {
      ...(await this.audit.search({
        ...filter,
        ambito: user.organisation.ambito,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      })),
      page,
      pageSize,
    };
  }

  @Get('export.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: `DPO only: the entries the same filters find, as CSV (at most ${AUDIT_CSV_MAX_ROWS}, newest first; times in Europe/Rome with their UTC offset, headers and names in the Accept-Language)`,
  })
  async csv(
    @Query() query: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    requireRole(user.role, 'dpo', READ_THE_AUDIT_LOG);
    const { caseId, userId, from, to } = parseInput(auditQuerySchema, query);
    const { items } = await this.audit.search({
      caseId,
      userId,
      from,
      to,
      ambito: user.organisation.ambito,
      limit: AUDIT_CSV_MAX_ROWS,
      offset: 0,
    });
    response.setHeader('content-disposition', 'attachment; filename="registro-accessi.csv"');
    return auditCsv(items, requestLanguage(request));
  }
}
