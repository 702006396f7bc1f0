// The case's documents for those who work on it. The PaIS to print for the person to sign; the case file
// as a PDF inside an AES-256 encrypted ZIP with a password the user chooses (the protocol's "files
// exchanged are encrypted and password protected"). Both hold exactly what the user may see (the same
// view and history the API returns them); every export is audited.
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { rawText, text } from '../../workflows/case/index.js';
import { AuditLog, type Viewer } from '../access/index.js';
import { CLOCK, DomainError, parseInput, type Clock } from '../common/index.js';
import { CaseReader } from '../engine/case-reader.service.js';
import { caseFileDocument, paisDocument, type ContentView } from './case-documents.js';
import { DocumentNames } from './document-names.js';
import { encryptedZip } from './encrypted-zip.js';

export const MIN_EXPORT_PASSWORD_LENGTH = 12;

export const exportRequestSchema = z.strictObject({
  password: rawText(200).min(MIN_EXPORT_PASSWORD_LENGTH),
  purpose: text(200, 3),
});

@Injectable()
export class CaseExport {
  constructor(
    @Inject(CaseReader) private readonly reader: CaseReader,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DocumentNames) private readonly names: DocumentNames,
  ) {}

  async export(caseId: string, viewer: Viewer, body: unknown): Promise<{ fileName: string; zip: Buffer }> {
    const { password, purpose } = parseInput(exportRequestSchema, body);
    const view = await this.contentView(caseId, viewer, `esportazione: ${purpose}`);
    const history = await this.reader.history(caseId, viewer, `esportazione: ${purpose}`);
    const now = this.clock.now();
    const pdf = await caseFileDocument(view, history, await this.names.of(view.ambito), now, purpose);
    const zip = await encryptedZip(`fascicolo-${caseId}.pdf`, pdf, password, now);
    await this.audit.record({
      at: now,
      viewer,
      caseId,
      action: 'esportazione',
      fields: ['fascicolo', ...view.withheld.map((withheld) => `escluso:${withheld.field}`)],
      purpose,
    });
    return { fileName: `fascicolo-${caseId}.zip`, zip };
  }

  /** The PaIS in force or being drafted, as a PDF to print for the person and the responsabile to sign. */
  async pais(caseId: string, viewer: Viewer): Promise<{ fileName: string; pdf: Buffer }> {
    const view = await this.contentView(caseId, viewer, 'stampa del PaIS');
    if (!view.data.plan)
      throw new DomainError(
        'not_found',
        { it: 'Il caso non ha ancora un PaIS.', en: 'The case has no PaIS yet.' },
        { caseId },
      );
    const pdf = await paisDocument(view, await this.names.of(view.ambito), this.clock.now());
    return { fileName: `pais-${caseId}-v${view.data.plan.version}.pdf`, pdf: Buffer.from(pdf) };
  }

  private async contentView(caseId: string, viewer: Viewer, purpose: string): Promise<ContentView> {
    const view = await this.reader.get(caseId, viewer, purpose);
    if (view.access !== 'content') {
      throw new DomainError(
        'forbidden',
        {
          it: 'Solo chi lavora sul caso può stamparlo o esportarlo.',
          en: 'Only those who work on a case may print or export it.',
        },
        {
          rule: 'esportazione',
        },
      );
    }
    return view;
  }
}
