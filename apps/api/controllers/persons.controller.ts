import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { viewerOf, type AuthenticatedUser } from '../../../libs/access/index.js';
import { exportRequestSchema, PersonExport } from '../../../libs/export/index.js';
import { Persons } from '../../../libs/persons/index.js';
import {
  codiceFiscaleAdditionSchema,
  householdLinkSchema,
  personMergeSchema,
  personRectificationSchema,
} from '../../../workflows/case/index.js';
import { CaseIdPipe } from '../http/case-id.pipe.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { PersonIdPipe } from '../http/person-id.pipe.js';

@ApiTags('persons')
@ApiBearerAuth()
@Controller()
export class PersonsController {
  constructor(
    @Inject(Persons) private readonly persons: Persons,
    @Inject(PersonExport) private readonly exporter: PersonExport,
  ) {}

  @Get('persons')
  @ApiOperation({
    summary: 'The person of the ambito with this codice fiscale, if you may see her (else 404)',
  })
  @ApiQuery({ name: 'codiceFiscale', required: true })
  find(@Query('codiceFiscale') codiceFiscale: unknown, @CurrentUser() user: AuthenticatedUser) {
    return this.persons.findByCodiceFiscale(codiceFiscale, viewerOf(user));
  }

  @Get('persons/:id')
  @ApiOperation({
    summary: 'A person: identity, contacts, every change, merges, the percorsi you may know of',
  })
  get(@Param('id', PersonIdPipe) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.persons.get(id, viewerOf(user));
  }

  @Post('persons/:id/codice-fiscale')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a codice fiscale to a person who has none; checked, recorded and audited' })
  @ApiBody({
    schema: z.toJSONSchema(codiceFiscaleAdditionSchema, { io: 'input', unrepresentable: 'any' }) as object,
  })
  addCodiceFiscale(
    @Param('id', PersonIdPipe) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.persons.addCodiceFiscale(id, body, viewerOf(user));
  }

  @Patch('persons/:id')
  @ApiOperation({
    summary: 'Correct the record (rectification): every old value kept with who and when; audited',
  })
  @ApiBody({
    schema: z.toJSONSchema(personRectificationSchema, { io: 'input', unrepresentable: 'any' }) as object,
  })
  rectify(
    @Param('id', PersonIdPipe) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.persons.rectify(id, body, viewerOf(user));
  }

  @Post('persons/:id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Coordinatore: merge another record of the same person into this one; audited' })
  @ApiBody({ schema: z.toJSONSchema(personMergeSchema, { io: 'input', unrepresentable: 'any' }) as object })
  merge(
    @Param('id', PersonIdPipe) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.persons.merge(id, body, viewerOf(user));
  }

  @Post('persons/:id/household')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Link another person of the ambito to this one’s household (relationship, from, to)',
  })
  @ApiBody({ schema: z.toJSONSchema(householdLinkSchema, { io: 'input', unrepresentable: 'any' }) as object })
  addHouseholdMember(
    @Param('id', PersonIdPipe) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.persons.addHouseholdMember(id, body, viewerOf(user));
  }

  @Post('persons/:id/export')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'DPO: everything held about the person across her percorsi (art. 15), as a PDF in an AES-256 ZIP; audited',
  })
  @ApiBody({ schema: z.toJSONSchema(exportRequestSchema) as object })
  async export(
    @Param('id', PersonIdPipe) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StreamableFile> {
    const { fileName, zip } = await this.exporter.export(id, viewerOf(user), body);
    return new StreamableFile(zip, {
      type: 'application/zip',
      disposition: `attachment; filename="${fileName}"`,
    });
  }

  @Get('cases/:id/links')
  @ApiOperation({
    summary:
      "The case's person beyond it: her other percorsi, the one it continues and those continuing it, possible duplicates",
  })
  links(@Param('id', CaseIdPipe) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.persons.linksOf(id, viewerOf(user));
  }
}
