import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../../libs/access/index.js';
import {
  AdministrationService,
  ChartVersionAdministration,
  DeadlineAdministration,
} from '../../../libs/directory/index.js';
import { CurrentUser } from '../http/current-user.decorator.js';

const ambitoQuery = { name: 'ambito', required: false, description: 'only the amministratore’s own' };

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(
    @Inject(AdministrationService) private readonly administration: AdministrationService,
    @Inject(DeadlineAdministration) private readonly deadlines: DeadlineAdministration,
    @Inject(ChartVersionAdministration) private readonly chartVersions: ChartVersionAdministration,
  ) {}

  @Get('chart-version')
  @ApiQuery(ambitoQuery)
  @ApiOperation({
    summary: 'Amministratore: the released chart versions, the one new referrals start on, every choice',
  })
  chartVersion(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown) {
    return this.chartVersions.get(user, query);
  }

  @Put('chart-version')
  @ApiQuery(ambitoQuery)
  @ApiBody({
    schema: { type: 'object', properties: { version: { type: 'integer' } }, required: ['version'] },
  })
  @ApiOperation({ summary: 'Amministratore: the version of the chart the ambito’s new referrals start on' })
  chooseChartVersion(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Query() query: unknown) {
    return this.chartVersions.choose(user, body, query);
  }

  @Get('organisations')
  @ApiOperation({ summary: 'Amministratore: the organisations of their ambito' })
  organisations(@CurrentUser() user: AuthenticatedUser) {
    return this.administration.listOrganisations(user);
  }

  @Post('organisations')
  @ApiOperation({ summary: 'Amministratore: add an organisation {name, type} to their ambito' })
  createOrganisation(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    return this.administration.createOrganisation(user, body);
  }

  @Get('users')
  @ApiOperation({ summary: 'Amministratore: the users of their ambito (never a password hash)' })
  users(@CurrentUser() user: AuthenticatedUser) {
    return this.administration.listUsers(user);
  }

  @Post('users')
  @ApiOperation({ summary: 'Amministratore: add a user {email, fullName, role, organisationId, password}' })
  createUser(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    return this.administration.createUser(user, body);
  }

  @Patch('users/:id')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Amministratore: change a user’s name, role, organisation or password; {active: false} deactivates',
  })
  changeUser(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.administration.changeUser(user, id, body);
  }

  @Delete('users/:id/sessions')
  @ApiOperation({ summary: 'Amministratore: end every session of a user at once; returns {ended}' })
  endSessions(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.administration.endSessions(user, id);
  }

  @Delete('users/:id/second-factor')
  @ApiOperation({
    summary: 'Amministratore: turn a user’s second factor off (a lost phone) and end their sessions',
  })
  resetSecondFactor(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.administration.resetSecondFactor(user, id);
  }

  @Get('deadlines')
  @ApiQuery(ambitoQuery)
  @ApiOperation({ summary: 'Amministratore: each deadline of the chart, its default and the ambito’s rule' })
  deadlineRules(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown) {
    return this.deadlines.list(user, query);
  }

  @Get('deadlines/changes')
  @ApiQuery(ambitoQuery)
  @ApiOperation({ summary: 'Amministratore: every change to the ambito’s deadline rules, newest first' })
  deadlineChanges(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown) {
    return this.deadlines.changes(user, query);
  }

  @Put('deadlines/:key')
  @ApiQuery(ambitoQuery)
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        afterDays: { type: 'integer', nullable: true, minimum: 1, maximum: 365 },
        reminderDays: { type: 'array', nullable: true, items: { type: 'integer', minimum: 1, maximum: 365 } },
      },
    },
  })
  @ApiOperation({
    summary: 'Amministratore: the ambito’s own duration and reminder days for a deadline (null: the chart’s)',
  })
  setDeadlineRule(
    @CurrentUser() user: AuthenticatedUser,
    @Param('key') key: string,
    @Body() body: unknown,
    @Query() query: unknown,
  ) {
    return this.deadlines.change(user, key, body, query);
  }

  @Delete('deadlines/:key')
  @ApiQuery(ambitoQuery)
  @ApiOperation({ summary: 'Amministratore: back to the chart’s duration and reminders for a deadline' })
  resetDeadlineRule(
    @CurrentUser() user: AuthenticatedUser,
    @Param('key') key: string,
    @Query() query: unknown,
  ) {
    return this.deadlines.change(user, key, { afterDays: null, reminderDays: null }, query);
  }
}
