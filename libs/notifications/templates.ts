// Italian e-mail texts. They name the person by initials only and never carry case content (no health
// or judicial data): the reader follows the link and the application decides what they may see.
import type { Meeting, NoticeKind } from '../../workflows/case/index.js';
import type { MailKind } from '../scheduling/queues.js';

export interface MailContext {
  kind: Exclude<MailKind, NoticeKind>;
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

const SUBJECTS: Record<MailContext['kind'], (context: MailContext) => string> = {
  promemoria: (c) => `[Percorsi] Promemoria: ${c.deadlineLabel} — ${c.initials}`,
  scadenza: (c) => `[Percorsi] Scadenza superata: ${c.deadlineLabel} — ${c.initials}`,
  escalation: (c) => `[Percorsi] Caso passato all’equipe di secondo livello — ${c.initials}`,
  follow_up: (c) => `[Percorsi] Follow-up richiesto — ${c.initials}`,
};

const BODIES: Record<MailContext['kind'], (context: MailContext) => string> = {
  promemoria: (c) =>
    `la scadenza «${c.deadlineLabel}» del percorso di ${c.initials} (stato: ${c.stateLabel}) cade ${formatItalianDate(c.dueAt)}.`,
  scadenza: (c) =>
    `la scadenza «${c.deadlineLabel}» del percorso di ${c.initials} (stato: ${c.stateLabel}) è passata ${formatItalianDate(c.dueAt)} senza che il caso sia andato avanti.`,
  escalation: (c) =>
    `l’equipe di primo livello per il percorso di ${c.initials} non si è riunita entro la scadenza (${formatItalianDate(c.dueAt)}): il caso è passato automaticamente all’equipe di secondo livello, da convocare.`,
  follow_up: (c) =>
    `è il momento del follow-up «${c.deadlineLabel}» per il percorso di ${c.initials}: registrare la situazione lavorativa attuale.`,
};

function letter(recipientName: string, body: string, caseUrl: string): string {
  return [
    `Gentile ${recipientName},`,
    '',
    body,
    '',
    `Apri il caso: ${caseUrl}`,
    '',
    'Questo messaggio è stato inviato automaticamente da Percorsi. Non contiene dati personali del caso:',
    'per consultarli accedi all’applicazione.',
  ].join('\n');
}

export function renderMail(context: MailContext): { subject: string; text: string } {
  return {
    subject: SUBJECTS[context.kind](context),
    text: letter(context.recipientName, BODIES[context.kind](context), context.caseUrl),
  };
}

/** "Mario Rossi" → "M. R." */
export function initialsOf(firstName: string, lastName: string): string {
  return `${firstName.trim().charAt(0).toUpperCase()}. ${lastName.trim().charAt(0).toUpperCase()}.`;
}

export interface NoticeContext {
  kind: NoticeKind;
  initials: string;
  stateLabel: string;
  caseUrl: string;
  recipientName: string;
  meeting?: Pick<Meeting, 'level' | 'date' | 'place'> & { revision: number };
}

const LEVEL_LABELS: Record<Meeting['level'], string> = {
  primo_livello: 'di primo livello',
  secondo_livello: 'di secondo livello',
};

function meetingLine(meeting: NonNullable<NoticeContext['meeting']>): string {
  const where = meeting.place ? `, presso ${meeting.place}` : '';
  return `${formatItalianDate(meeting.date)}${where}`;
}

const NOTICE_SUBJECTS: Record<NoticeKind, (context: NoticeContext) => string> = {
  segnalazione_da_valutare: (c) => `[Percorsi] Nuova segnalazione da valutare — ${c.initials}`,
  valutatori_assegnati: (c) => `[Percorsi] Le è stata assegnata una valutazione — ${c.initials}`,
  equipe_convocata: (c) =>
    `[Percorsi] ${c.meeting && c.meeting.revision > 1 ? 'Equipe riconvocata' : 'Convocazione equipe'} ${LEVEL_LABELS[c.meeting?.level ?? 'primo_livello']} — ${c.initials}`,
  responsabile_designato: (c) => `[Percorsi] È responsabile del percorso — ${c.initials}`,
  passaggio_secondo_livello: (c) => `[Percorsi] Caso passato all’equipe di secondo livello — ${c.initials}`,
  percorso_concluso: (c) => `[Percorsi] Percorso concluso — ${c.initials}`,
};

const NOTICE_BODIES: Record<NoticeKind, (context: NoticeContext) => string> = {
  segnalazione_da_valutare: (c) =>
    `è arrivata una segnalazione per ${c.initials}: attende la sua valutazione (accoglierla, chiedere integrazioni o non accoglierla).`,
  valutatori_assegnati: (c) =>
    `è stato indicato/a tra chi valuta il percorso di ${c.initials}: la valutazione multidimensionale attende il suo contributo.`,
  equipe_convocata: (c) =>
    `il suo servizio è convocato all’equipe ${LEVEL_LABELS[c.meeting?.level ?? 'primo_livello']} per il percorso di ${c.initials}: ` +
    `${c.meeting ? meetingLine(c.meeting) : ''}.` +
    (c.meeting && c.meeting.revision > 1
      ? ' La data o il luogo sono cambiati rispetto alla convocazione precedente.'
      : '') +
    ' In allegato l’invito per il calendario.',
  responsabile_designato: (c) =>
    `è stato/a designato/a responsabile del percorso di ${c.initials} (stato: ${c.stateLabel}).`,
  passaggio_secondo_livello: (c) =>
    `il percorso di ${c.initials} è passato all’equipe di secondo livello, da convocare.`,
  percorso_concluso: (c) => `il percorso di ${c.initials} si è concluso con un esito registrato.`,
};

export function renderNotice(context: NoticeContext): { subject: string; text: string } {
  return {
    subject: NOTICE_SUBJECTS[context.kind](context),
    text: letter(context.recipientName, NOTICE_BODIES[context.kind](context), context.caseUrl),
  };
}
