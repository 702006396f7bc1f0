// The data subject's access request (GDPR art. 15): everything Percorsi holds about one person across her
// percorsi — the record and its changes, merges, household, every percorso's content and history, the
// e-mails about them and who read her protected data — as a PDF in the AES-256 ZIP the case export uses.
// The DPO of the ambito produces it (she reads no case otherwise); it is audited like any export.
import { Inject, Injectable } from '@nestjs/common';
import { restoreCase, STATE_LABELS } from '../../workflows/case/index.js';
import { AuditLog, requireRole, type Viewer } from '../access/index.js';
import { CLOCK, DomainError, parseInput, type Clock } from '../common/index.js';
import { NotificationRepository } from '../notifications/notification.repository.js';
import { CaseRepository } from '../persistence/case.repository.js';
import { PersonRepository } from '../persistence/person.repository.js';
import { aesZip } from './aes-zip.js';
import { exportRequestSchema } from './case-export.service.js';
import { simplePdf } from './simple-pdf.js';

type Line = { text: string; bold?: boolean };

const json = (value: unknown) => JSON.stringify(value);

@Injectable()
export class PersonExport {
  constructor(
    @Inject(PersonRepository) private readonly persons: PersonRepository,
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async export(personId: string, viewer: Viewer, body: unknown): Promise<{ fileName: string; zip: Buffer }> {
    const person = await this.persons.find(personId);
    if (!person || person.ambito !== viewer.ambito) {
      throw new DomainError('not_found', 'No such person.', { personId });
    }
    requireRole(viewer.role, 'dpo', 'answer a data subject’s access request (art. 15)');
    const { password, purpose } = parseInput(exportRequestSchema, body);
    const now = this.clock.now();
    const percorsi = await this.persons.percorsi(person.id);
    const lines: Line[] = [
      { text: 'Percorsi — dati della persona (art. 15 GDPR)', bold: true },
      { text: `Estratto il ${now.toISOString()} per: ${purpose}` },
      { text: '' },
      { text: 'Anagrafica', bold: true },
      { text: json(person) },
      { text: '' },
      { text: 'Modifiche della scheda', bold: true },
      ...(await this.persons.changes(person.id)).map((change: unknown) => ({ text: json(change) })),
      { text: '' },
      { text: 'Schede unite a questa', bold: true },
      ...(await this.persons.merges(person.id)).map((merge: unknown) => ({ text: json(merge) })),
      { text: '' },
      { text: 'Nucleo familiare', bold: true },
      ...(await this.persons.household(person.id)).map((link) => ({ text: json(link) })),
    ];
    for (const percorso of percorsi) {
      const history = await this.cases.history(percorso.id);
      const sent = await this.notifications.forCase(percorso.id);
      lines.push(
        { text: '' },
        { text: `Percorso ${percorso.id}: ${STATE_LABELS[percorso.state] ?? percorso.state}`, bold: true },
        { text: `Segnalato da ${percorso.referringOrganisationName} il ${percorso.createdAt.toISOString()}` },
        { text: json(restoreCase(percorso.snapshot).context) },
        { text: 'Storia', bold: true },
        ...history.map((entry) => ({
          text: `${entry.seq}. ${entry.at.toISOString()} ${entry.actorName} ${entry.eventType} ${json(entry.eventData)}`,
        })),
        { text: 'E-mail', bold: true },
        ...sent.map((mail) => ({
          text: `${mail.sentAt.toISOString()} ${mail.recipientEmail}: ${mail.subject}`,
        })),
      );
    }
    const reads = await this.audit.readsOfCases(percorsi.map((percorso) => percorso.id));
    lines.push(
      { text: '' },
      { text: 'Chi ha letto o esportato i suoi dati', bold: true },
      ...reads.map((read: unknown) => ({ text: json(read) })),
    );
    const fileName = `persona-${person.id}`;
    const zip = aesZip(`${fileName}.pdf`, simplePdf(lines), password, now);
    await this.audit.record({
      at: now,
      viewer,
      caseId: null,
      action: 'esportazione',
      fields: [`persona.${person.id}`, ...percorsi.map((percorso) => `caso.${percorso.id}`)],
      purpose: `art. 15: ${purpose}`,
    });
    return { fileName: `${fileName}.zip`, zip };
  }
}
