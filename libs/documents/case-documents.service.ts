// Documents on a case: the signed consent, the signed PaIS, ISEE, identity documents, certificates. Each
// carries a data category and is read under the same rule as the case's other data of that category
// (readableCategories in libs/access); the bytes of a sensitive one are never sent to someone without
// it, and every download of one is audited. The type is read from the content, never from the name.
import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  DATA_CATEGORIES,
  DOCUMENT_KINDS,
  restoreCase,
  text,
  type DataCategory,
} from '../../workflows/case/index.js';
import { AuditLog, requireContentReader, type CaseFacts, type Viewer } from '../access/index.js';
import { CLOCK, DomainError, NO_SUCH, parseInput, type Clock } from '../common/index.js';
import { CaseRepository } from '../persistence/case.repository.js';
import { DOCUMENT_STORE, type DocumentStore } from './document-store.js';

/** What a case file holds: scans and office documents, recognised by their content. */
const ACCEPTED_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'immagine JPEG',
  'image/png': 'immagine PNG',
  'image/tiff': 'immagine TIFF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'documento Word (.docx)',
  'application/vnd.oasis.opendocument.text': 'documento OpenDocument (.odt)',
};

export const documentFieldsSchema = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  category: z.enum(DATA_CATEGORIES),
  description: text(500).optional(),
});

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export interface CaseDocument {
  id: string;
  kind: string;
  category: DataCategory;
  description: string | null;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: { userId: string; name: string };
}

interface DocumentRow {
  id: string;
  kind: string;
  category: DataCategory;
  description: string | null;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  uploaded_at: Date;
  uploaded_by: string;
  uploader_name: string;
}

const toDocument = (row: DocumentRow): CaseDocument => ({
  id: row.id,
  kind: row.kind,
  category: row.category,
  description: row.description,
  filename: row.filename,
  mediaType: row.media_type,
  size: Number(row.size),
  sha256: row.sha256,
  uploadedAt: row.uploaded_at,
  uploadedBy: { userId: row.uploaded_by, name: row.uploader_name },
});

const SELECT_DOCUMENTS = `SELECT d.id, d.kind, d.category, d.description, d.filename, d.media_type, d.size, d.sha256,
         d.uploaded_at, d.uploaded_by, u.full_name AS uploader_name
  FROM case_documents d JOIN users u ON u.id = d.uploaded_by`;

/** A document the viewer may not read is listed by its category alone, like a withheld field. */
export type ListedDocument = CaseDocument | { id: string; category: DataCategory; withheld: true };

@Injectable()
export class CaseDocuments {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Who reads the case's content may file documents of the categories they read; status-only readers may not. */
  async upload(caseId: string, fields: unknown, file: UploadedFile | undefined, viewer: Viewer) {
    const readable = await this.readableOn(caseId, viewer);
    const { kind, category, description } = parseInput(documentFieldsSchema, fields);
    if (!file) throw DomainError.invalidPayload([{ field: 'file', reason: 'a file is required' }]);
    if (!readable.has(category)) {
      throw new DomainError(
        'forbidden',
        {
          it: `Non puoi archiviare documenti della categoria ${category} in questo caso.`,
          en: `You may not file documents of category ${category} on this case.`,
        },
        {
          rule: 'categorie_dati',
        },
      );
    }
    const detected = await fileTypeFromBuffer(file.buffer);
    if (!detected || !(detected.mime in ACCEPTED_TYPES)) {
      throw DomainError.invalidPayload([
        {
          field: 'file',
          reason: `the content is not an accepted document (${Object.values(ACCEPTED_TYPES).join(', ')})`,
        },
      ]);
    }
    if (file.mimetype !== detected.mime) {
      throw DomainError.invalidPayload([
        {
          field: 'file',
          reason: `the content is a ${ACCEPTED_TYPES[detected.mime]} (${detected.mime}), not ${file.mimetype}`,
        },
      ]);
    }
    const id = randomUUID();
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    await this.dataSource.transaction(async (transaction) => {
      await transaction.query(
        `INSERT INTO case_documents (id, case_id, kind, category, description, filename, media_type, size, sha256,
                                     uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          id,
          caseId,
          kind,
          category,
          description ?? null,
          file.originalname.slice(0, 255),
          detected.mime,
          file.size,
          sha256,
          viewer.userId,
          this.clock.now(),
        ],
      );
      await this.store.write(id, file.buffer, transaction);
    });
    return this.one(caseId, id);
  }

  async list(caseId: string, viewer: Viewer): Promise<{ items: ListedDocument[] }> {
    const readable = await this.readableOn(caseId, viewer);
    const rows: DocumentRow[] = await this.dataSource.query(
      `${SELECT_DOCUMENTS} WHERE d.case_id = $1 ORDER BY d.uploaded_at DESC, d.id`,
      [caseId],
    );
    return {
      items: rows.map((row) =>
        readable.has(row.category) ? toDocument(row) : { id: row.id, category: row.category, withheld: true },
      ),
    };
  }

  async download(caseId: string, documentId: string, viewer: Viewer, purpose: string) {
    const readable = await this.readableOn(caseId, viewer);
    const document = await this.one(caseId, documentId);
    if (!readable.has(document.category)) {
      throw new DomainError(
        'forbidden',
        {
          it: `I documenti della categoria ${document.category} non sono leggibili per te.`,
          en: `Documents of category ${document.category} are not readable to you.`,
        },
        {
          rule: 'categorie_dati',
        },
      );
    }
    const content = await this.store.read(documentId);
    if (!content) throw new DomainError('not_found', NO_SUCH.document, { documentId });
    if (document.category !== 'comuni') {
      await this.audit.record({
        at: this.clock.now(),
        viewer,
        caseId,
        action: 'lettura',
        fields: [`documents.${documentId}`],
        purpose,
      });
    }
    return { document, content };
  }

  private async one(caseId: string, documentId: string): Promise<CaseDocument> {
    const parsed = z.uuid().safeParse(documentId);
    const [row]: DocumentRow[] = parsed.success
      ? await this.dataSource.query(`${SELECT_DOCUMENTS} WHERE d.case_id = $1 AND d.id = $2`, [
          caseId,
          documentId,
        ])
      : [];
    if (!row) throw new DomainError('not_found', NO_SUCH.document, { documentId });
    return toDocument(row);
  }

  /** The case as the viewer may see it: 404 if not at all, 403 if only its status. */
  private async readableOn(caseId: string, viewer: Viewer): Promise<Set<DataCategory>> {
    const record = await this.cases.find(caseId);
    if (!record) throw new DomainError('not_found', NO_SUCH.case, { caseId });
    const facts: CaseFacts = { ...record, context: restoreCase(record.snapshot).context };
    return requireContentReader(viewer, facts, 'documenti');
  }
}
