import { Body, Controller, Delete, Get, Header, Inject, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../../../libs/access/index.js';
import { DASHBOARD_TABLE_NAMES, SupervisionService } from '../../../libs/supervision/index.js';
import { PHASES } from '../../../workflows/case/index.js';
import { CurrentUser } from '../http/current-user.decorator.js';

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision')
export class SupervisionController {
  constructor(@Inject(SupervisionService) private readonly supervision: SupervisionService) {}

  @Get('stuck')
  @ApiOperation({ summary: 'Stuck and overdue cases of the coordinator’s ambito, most overdue first' })
  @ApiQuery({ name: 'phase', required: false, enum: PHASES.filter((phase) => phase !== 'esito') })
  @ApiQuery({ name: 'organisationId', required: false, description: 'referring organisation' })
  @ApiQuery({ name: 'responsabileUserId', required: false })
  @ApiQuery({ name: 'ambito', required: false, description: 'only the coordinator’s own' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  stuck(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown) {
    return this.supervision.stuck(user, query);
  }

  @Get('dashboard')
  @ApiOperation({
    summary: 'Funnel, time per phase, referrals, outcomes, workload and escalations of the ambito',
  })
  @ApiQuery({ name: 'from', required: false, example: '2026-01' })
  @ApiQuery({ name: 'to', required: false, example: '2026-12' })
  @ApiQuery({ name: 'period', required: false, enum: ['month', 'quarter', 'year'] })
  @ApiQuery({ name: 'ambito', required: false, description: 'only the coordinator’s own' })
  dashboard(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown) {
    return this.supervision.dashboard(user, query);
  }

  @Get('dashboard/:table.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: `One dashboard table as CSV: ${DASHBOARD_TABLE_NAMES.join(', ')}` })
  @ApiProduces('text/csv')
  async dashboardCsv(
    @CurrentUser() user: AuthenticatedUser,
    @Param('table') table: string,
    @Query() query: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const csv = await this.supervision.dashboardCsv(user, table, query);
    response.setHeader('content-disposition', `attachment; filename="${table}.csv"`);
    return csv;
  }

  @Get('thresholds')
  @ApiQuery({ name: 'ambito', required: false, description: 'only the coordinator’s own' })
  @ApiOperation({
    summary: 'The ambito’s “in this state too long” thresholds: default, own value, what applies',
  })
  thresholds(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown) {
    return this.supervision.thresholds(user, query);
  }

  @Put('thresholds/:state')
  @ApiOperation({ summary: 'Sets the ambito’s threshold for one open state; null: no threshold here' })
  @ApiBody({
    schema: {
      type: 'object',
      properties: { days: { type: 'integer', nullable: true, minimum: 1, maximum: 365 } },
    },
  })
  setThreshold(@CurrentUser() user: AuthenticatedUser, @Param('state') state: string, @Body() body: unknown) {
    return this.supervision.setThreshold(user, state, body);
  }

  @Delete('thresholds/:state')
  @ApiOperation({ summary: 'Back to the chart’s default threshold for one open state' })
  resetThreshold(@CurrentUser() user: AuthenticatedUser, @Param('state') state: string) {
    return this.supervision.resetThreshold(user, state);
  }
}
