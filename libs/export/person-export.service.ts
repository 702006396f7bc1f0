// The data subject's access request (GDPR art. 15): everything Percorsi holds about one person across her
// percorsi — the record and its changes, merges, household, every percorso's content and history, the
// e-mails about them and who read her protected data — as an Italian PDF in the AES-256 ZIP the case
// export uses. The DPO of the ambito produces it (she reads no case otherwise); it is audited like any export.
import { Inject, Injectable } from '@nestjs/common';
import { restoreCase, STATE_LABELS } from '../../workflows/case/index.js';
import { AuditLog, requireRole, type Viewer } from '../access/index.js';
import { CLOCK, DomainError, NO_SUCH, parseInput, type Clock } from '../common/index.js';
import { NotificationRepository } from '../notifications/notification.repository.js';
import { CaseRepository } from '../persistence/case.repository.js';
import { PersonRepository } from '../persistence/person.repository.js';
import { personHeader, writeCase } from './case-documents.js';
import { exportRequestSchema } from './case-export.service.js';
import { DocumentNames } from './document-names.js';
import { encryptedZip } from './encrypted-zip.js';
import { italianDate, italianDateTime } from './italian-dates.js';
import { PdfWriter } from './pdf-writer.js';

/** The record's columns as the person page names them. */
const FIELD_LABELS: Record<string, string> = {
  first_name: 'nome',
  last_name: 'cognome',
  birth_date: 'data di nascita',
  sex: 'sesso',
  birthplace: 'luogo di nascita',
  citizenship: 'cittadinanza',
  municipality: 'comune di residenza',
  phone: 'telefono',
  email: 'e-mail',
  codice_fiscale: 'codice fiscale',
  merged: 'scheda unita',
};

@Injectable()
export class PersonExport {
  constructor(
    @Inject(PersonRepository) private readonly persons: PersonRepository,
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(DocumentNames) private readonly names: DocumentNames,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async export(personId: string, viewer: Viewer, body: unknown): Promise<{ fileName: string; zip: Buffer }> {
    const person = await this.persons.find(personId);
    if (!person || person.ambito !== viewer.ambito) {
      throw new DomainError('not_found', NO_SUCH.person, { personId });
    }
    requireRole(viewer.role, 'dpo', {
      it: 'rispondere alla richiesta di accesso di un interessato (art. 15)',
      en: 'answer a data subject’s access request (art. 15)',
    });
    const { password, purpose } = parseInput(exportRequestSchema, body);
    const now = this.clock.now();
    const names = await this.names.of(person.ambito);
    const percorsi = await this.persons.percorsi(person.id);
    const writer = await PdfWriter.create(
      `Dati di ${person.firstName} ${person.lastName} (art. 15 GDPR)`,
      `Dati di ${person.firstName} ${person.lastName} (art. 15 GDPR), estratti il ${italianDate(now)}`,
    );
    writer.title('Dati della persona (art. 15 GDPR)');
    writer.text(`Estratti il ${italianDateTime(now)} per: ${purpose}.`, { grey: true });
    personHeader(writer, { person });
    if (person.phone) writer.fact('Telefono', person.phone);
    if (person.email) writer.fact('E-mail', person.email);

    writer.heading('Modifiche della scheda');
    const changes = await this.persons.changes(person.id);
    if (changes.length === 0) writer.text('Nessuna.');
    for (const change of changes) {
      writer.item(
        `${italianDateTime(change.at)} — ${change.user?.fullName ?? 'Sistema'}: ${FIELD_LABELS[change.field] ?? change.field} ` +
          `da «${change.oldValue ?? '—'}» a «${change.newValue ?? '—'}»${change.applied ? '' : ' (non applicata)'}`,
      );
    }
    writer.heading('Schede unite a questa');
    const merges = await this.persons.merges(person.id);
    if (merges.length === 0) writer.text('Nessuna.');
    for (const merge of merges) {
      writer.item(
        `${italianDateTime(merge.at)} — ${merge.user?.fullName ?? 'Sistema'}: unita un’altra scheda con ` +
          `${(merge.caseIds as string[]).length} percorsi; motivo: ${merge.reason}`,
      );
    }
    writer.heading('Nucleo familiare');
    const household = await this.persons.household(person.id);
    if (household.length === 0) writer.text('Nessun componente registrato.');
    for (const link of household) {
      writer.item(
        `${link.member.firstName} ${link.member.lastName}, nata/o il ${italianDate(link.member.birthDate)}: ` +
          `${link.relationship.replaceAll('_', ' ')}, dal ${italianDate(link.from)}` +
          (link.to ? ` al ${italianDate(link.to)}` : ''),
      );
    }

    for (const percorso of percorsi) {
      writer.heading(
        `Percorso segnalato da ${percorso.referringOrganisationName} il ${italianDate(percorso.createdAt)}`,
      );
      writer.fact('Riferimento', percorso.id);
      writer.fact('Stato', STATE_LABELS[percorso.state] ?? percorso.state);
      const history = await this.cases.history(percorso.id);
      writeCase(
        writer,
        { ...percorso, data: restoreCase(percorso.snapshot).context, withheld: [] },
        { items: history },
        names,
      );
      const sent = await this.notifications.forCase(percorso.id);
      writer.text('E-mail inviate su questo percorso', { bold: true });
      if (sent.length === 0) writer.text('Nessuna.');
      for (const mail of sent) {
        writer.item(`${italianDateTime(mail.sentAt)} a ${mail.recipientEmail}: ${mail.subject}`);
      }
    }

    writer.heading('Chi ha letto o esportato i suoi dati');
    const reads = await this.audit.readsOfCases(percorsi.map((percorso) => percorso.id));
    if (reads.length === 0) writer.text('Nessuno.');
    for (const read of reads) {
      writer.item(
        `${italianDateTime(read.at)} — ${read.user} (${read.organisation}): ` +
          `${read.action === 'esportazione' ? 'esportazione' : 'lettura'}, motivo: ${read.purpose}`,
      );
    }

    const fileName = `persona-${person.id}`;
    const zip = await encryptedZip(`${fileName}.pdf`, await writer.save(), password, now);
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
