// The case file as a PDF inside an AES-256 encrypted ZIP, with a password the user chooses: the protocol's
// "files exchanged are encrypted and password protected". It holds exactly what the user may see (the same
// view and history the API returns them) and every export is audited.
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { rawText, STATE_LABELS, text } from '../../workflows/case/index.js';
import { AuditLog, type Viewer } from '../access/index.js';
import { CLOCK, DomainError, parseInput, type Clock } from '../common/index.js';
import { CaseReader } from '../engine/case-reader.service.js';
import { aesZip } from './aes-zip.js';
import { simplePdf } from './simple-pdf.js';

export const MIN_EXPORT_PASSWORD_LENGTH = 12;

export const exportRequestSchema = z.strictObject({
  password: rawText(200).min(MIN_EXPORT_PASSWORD_LENGTH),
  purpose: text(200, 3),
});

type Line = { text: string; bold?: boolean };

const json = (value: unknown) => JSON.stringify(value);

@Injectable()
export class CaseExport {
  constructor(
    @Inject(CaseReader) private readonly reader: CaseReader,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async export(caseId: string, viewer: Viewer, body: unknown): Promise<{ fileName: string; zip: Buffer }> {
    const { password, purpose } = parseInput(exportRequestSchema, body);
    const view = await this.reader.get(caseId, viewer, `esportazione: ${purpose}`);
    if (view.access !== 'content') {
      throw new DomainError('forbidden', 'Only those who work on a case may export it.', {
        rule: 'esportazione',
      });
    }
    const history = await this.reader.history(caseId, viewer, `esportazione: ${purpose}`);
    const now = this.clock.now();
    const { data, person } = view;
    const lines: Line[] = [
      { text: 'Percorsi — fascicolo del caso', bold: true },
      { text: `Esportato il ${now.toISOString()} per: ${purpose}` },
      { text: '' },
      { text: 'Persona', bold: true },
      {
        text: `${person.firstName} ${person.lastName}, codice fiscale ${person.codiceFiscale ?? 'non indicato'}, nata/o il ${person.birthDate}`,
      },
      { text: `Comune: ${person.municipality}` },
      { text: '' },
      { text: 'Stato del percorso', bold: true },
      { text: `${view.stateLabel} (versione ${view.version})` },
      { text: `Segnalazione: ${data.referral.reason}` },
      { text: `Bisogni: ${data.referral.needs.join(', ')}` },
      ...(data.responsabile ? [{ text: `Responsabile del percorso: ${data.responsabile.name}` }] : []),
      { text: '' },
      { text: 'Valutazione', bold: true },
      ...Object.entries(data.assessments).map(([domain, assessment]) => ({
        text: `${domain}: bisogno ${assessment?.needLevel} — ${assessment?.summary}`,
      })),
      ...(data.plan
        ? [
            { text: '' },
            { text: `PaIS (versione ${data.plan.version})`, bold: true },
            ...data.plan.goals.map((goal) => ({ text: `Obiettivo: ${goal.description}` })),
            ...data.plan.actions.map((action) => ({
              text: `Azione: ${action.description} (${action.responsibleOrganisation.name ?? action.responsibleOrganisation.organisationType}, ${action.startDate} → ${action.endDate})`,
            })),
            ...data.plan.commitments.map((commitment) => ({ text: `Impegno: ${commitment}` })),
          ]
        : []),
      ...(data.outcome ? [{ text: '' }, { text: `Esito: ${data.outcome.primary}`, bold: true }] : []),
      ...(view.withheld.length
        ? [
            { text: '' },
            { text: `Dati non inclusi perché riservati: ${view.withheld.map((w) => w.category).join(', ')}` },
          ]
        : []),
      { text: '' },
      { text: 'Storia', bold: true },
      ...history.items.map((item) => ({
        text:
          `${item.seq}. ${new Date(item.at).toISOString()} ${'actorName' in item ? item.actorName : ''} ${item.eventType}: ` +
          `${item.fromState ? (STATE_LABELS[item.fromState] ?? item.fromState) : '—'} → ` +
          `${STATE_LABELS[item.toState] ?? item.toState}` +
          ('eventData' in item && item.eventData ? ` ${json(item.eventData)}` : ''),
      })),
    ];
    const zip = aesZip(`fascicolo-${caseId}.pdf`, simplePdf(lines), password, now);
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
}
