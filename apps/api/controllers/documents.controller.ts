import {
  Body,
  Controller,
  Get,
  Headers,
  Inject,
  Param,
  Post,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { viewerOf, type AuthenticatedUser } from '../../../libs/access/index.js';
import { CaseDocuments, type UploadedFile as Upload } from '../../../libs/documents/index.js';
import { DATA_CATEGORIES, DOCUMENT_KINDS } from '../../../workflows/case/index.js';
import { CaseIdPipe } from '../http/case-id.pipe.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { purposeOf } from '../http/purpose.js';

/** Why a document is downloaded when the client does not say: the audit log needs one. */
const DEFAULT_PURPOSE = 'consultazione del documento';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:id/documents')
export class DocumentsController {
  constructor(@Inject(CaseDocuments) private readonly documents: CaseDocuments) {}

  @Get()
  @ApiOperation({ summary: 'The documents of a case; those of a category you do not read show only it' })
  list(@Param('id', CaseIdPipe) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.documents.list(id, viewerOf(user));
  }

  @Post()
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'File a document (multipart: file, kind, category, description); type read from content',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind', 'category'],
      properties: {
        file: { type: 'string', format: 'binary' },
        kind: { type: 'string', enum: [...DOCUMENT_KINDS] },
        category: { type: 'string', enum: [...DATA_CATEGORIES] },
        description: { type: 'string', maxLength: 500 },
      },
    },
  })
  upload(
    @Param('id', CaseIdPipe) id: string,
    @Body() body: unknown,
    @UploadedFile() file: Upload | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.documents.upload(id, body, file, viewerOf(user));
  }

  @Get(':documentId')
  @ApiOperation({ summary: 'Download a document; a health or judicial one is audited' })
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'why it is read (audit log)' })
  async download(
    @Param('id', CaseIdPipe) id: string,
    @Param('documentId') documentId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('x-purpose') purpose?: string,
  ): Promise<StreamableFile> {
    const { document, content } = await this.documents.download(
      id,
      documentId,
      viewerOf(user),
      purposeOf(purpose) ?? DEFAULT_PURPOSE,
    );
    return new StreamableFile(content, {
      type: document.mediaType,
      length: content.length,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(document.filename)}`,
    });
  }
}
