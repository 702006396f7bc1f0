// Italian e-mail texts. They name the person by initials only and never carry case content (no health
// or judicial data): the reader follows the link and the application decides what they may see.
import type { MailKind } from '../scheduling/queues.js';

export interface MailContext {
  kind: MailKind;
  initials: string;
  deadlineLabel: string;
  stateLabel: string;
  dueAt: string;
  caseUrl: string;
  recipientName: string;
}

const dateFormat = new Intl.DateTimeFormat('it-IT', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'Europe/Rome',
});

export function formatItalianDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

const SUBJECTS: Record<MailKind, (context: MailContext) => string> = {
  promemoria: (c) => `[Percorsi] Promemoria: ${c.deadlineLabel} — ${c.initials}`,
  scadenza: (c) => `[Percorsi] Scadenza superata: ${c.deadlineLabel} — ${c.initials}`,
  escalation: (c) => `[Percorsi] Caso passato all’equipe di secondo livello — ${c.initials}`,
  follow_up: (c) => `[Percorsi] Follow-up richiesto — ${c.initials}`,
};

const BODIES: Record<MailKind, (context: MailContext) => string> = {
  promemoria: (c) =>
    `la scadenza «${c.deadlineLabel}» del percorso di ${c.initials} (stato: ${c.stateLabel}) cade ${formatItalianDate(c.dueAt)}.`,
  scadenza: (c) =>
    `la scadenza «${c.deadlineLabel}» del percorso di ${c.initials} (stato: ${c.stateLabel}) è passata ${formatItalianDate(c.dueAt)} senza che il caso sia andato avanti.`,
  escalation: (c) =>
    `l’equipe di primo livello per il percorso di ${c.initials} non si è riunita entro la scadenza (${formatItalianDate(c.dueAt)}): il caso è passato automaticamente all’equipe di secondo livello, da convocare.`,
  follow_up: (c) =>
    `è il momento del follow-up «${c.deadlineLabel}» per il percorso di ${c.initials}: registrare la situazione lavorativa attuale.`,
};

export function renderMail(context: MailContext): { subject: string; text: string } {
  return {
    subject: SUBJECTS[context.kind](context),
    text: [
      `Gentile ${context.recipientName},`,
      '',
      BODIES[context.kind](context),
      '',
      `Apri il caso: ${context.caseUrl}`,
      '',
      'Questo messaggio è stato inviato automaticamente da Percorsi. Non contiene dati personali del caso:',
      'per consultarli accedi all’applicazione.',
    ].join('\n'),
  };
}

/** "Mario Rossi" → "M. R." */
export function initialsOf(firstName: string, lastName: string): string {
  return `${firstName.trim().charAt(0).toUpperCase()}. ${lastName.trim().charAt(0).toUpperCase()}.`;
}
