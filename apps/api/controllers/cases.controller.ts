import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { viewerOf, type AuthenticatedUser } from '../../../libs/access/index.js';
import { CaseEngine, caseListQuerySchema, CaseReader } from '../../../libs/engine/index.js';
import { CaseExport, exportRequestSchema } from '../../../libs/export/index.js';
import { caseEventSchemas, CASE_EVENT_TYPES, referralSchema } from '../../../workflows/case/index.js';
import { CaseIdPipe } from '../http/case-id.pipe.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { purposeOf } from '../http/purpose.js';

const eventBodySchema = {
  oneOf: CASE_EVENT_TYPES.map((type) => ({
    type: 'object',
    required: ['type', 'expectedVersion'],
    properties: {
      type: { type: 'string', enum: [type] },
      expectedVersion: { type: 'integer', minimum: 1 },
      data: z.toJSONSchema(caseEventSchemas[type], { io: 'input', unrepresentable: 'any' }),
    },
  })),
};

/** The list's query parameters as OpenAPI has them, generated from the schema the reader validates with. */
const listQueryDocs = applyDecorators(
  ...Object.entries(
    (
      z.toJSONSchema(caseListQuerySchema, { io: 'input', unrepresentable: 'any' }) as {
        properties: Record<string, object>;
      }
    ).properties,
  ).map(([name, schema]) => ApiQuery({ name, required: false, schema })),
);

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    @Inject(CaseEngine) private readonly engine: CaseEngine,
    @Inject(CaseReader) private readonly reader: CaseReader,
    @Inject(CaseExport) private readonly exporter: CaseExport,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a referral (scheda unica di segnalazione) as a draft' })
  @ApiBody({ schema: z.toJSONSchema(referralSchema, { io: 'input', unrepresentable: 'any' }) as object })
  async create(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    const id = await this.engine.createCase(
      body,
      { ambito: user.organisation.ambito, referringOrganisationId: user.organisation.id },
      viewerOf(user),
    );
    return this.reader.get(id, viewerOf(user));
  }

  @Get()
  @ApiOperation({
    summary:
      'One page of the cases you may see: sort, filters, accent-blind search, keyset cursor (nextCursor)',
  })
  @listQueryDocs
  list(@Query() query: unknown, @CurrentUser() user: AuthenticatedUser) {
    return this.reader.list(query, viewerOf(user));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A case, the events it accepts now and its deadlines' })
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'why protected data is read (audit log)' })
  get(
    @Param('id', CaseIdPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('x-purpose') purpose?: string,
  ) {
    return this.reader.get(id, viewerOf(user), purposeOf(purpose));
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply an event; expectedVersion guards against concurrent changes' })
  @ApiBody({ schema: eventBodySchema as object })
  async apply(
    @Param('id', CaseIdPipe) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    const command = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const record = await this.engine.applyEvent(
      id,
      { type: command.type, data: command.data, expectedVersion: command.expectedVersion },
      viewerOf(user),
    );
    return this.reader.view(record, viewerOf(user));
  }

  @Post(':id/export')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The case file as a PDF in an AES-256 encrypted ZIP; {password (12+ characters), purpose}; audited',
  })
  @ApiBody({ schema: z.toJSONSchema(exportRequestSchema) as object })
  async export(
    @Param('id', CaseIdPipe) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StreamableFile> {
    const { fileName, zip } = await this.exporter.export(id, viewerOf(user), body);
    return new StreamableFile(zip, {
      type: 'application/zip',
      disposition: `attachment; filename="${fileName}"`,
    });
  }

  @Get(':id/pais.pdf')
  @ApiOperation({ summary: 'The PaIS in force or being drafted, as a PDF to print and sign' })
  async pais(
    @Param('id', CaseIdPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StreamableFile> {
    const { fileName, pdf } = await this.exporter.pais(id, viewerOf(user));
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${fileName}"`,
    });
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every transition of the case, oldest first' })
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'why protected data is read (audit log)' })
  history(
    @Param('id', CaseIdPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('x-purpose') purpose?: string,
  ) {
    return this.reader.history(id, viewerOf(user), purposeOf(purpose));
  }
}
