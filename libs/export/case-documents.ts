// The two documents of a case, in Italian prose: the PaIS to print and sign, and the case file of the
// encrypted export. Both are written from the view and history the reader gives the user (so they hold
// exactly what the user may see) with the chart's Italian labels; ids become names, codes become words.
import {
  EVENT_LABELS,
  HISTORY_LABELS,
  LIFE_DOMAINS,
  STATE_LABELS,
  VOCABULARY_LABELS as LABELS,
  type CaseEventType,
  type PlanVersion,
  SYSTEM_NAME,
  type Localised,
} from '../../workflows/case/index.js';
import type { CaseReader } from '../engine/case-reader.service.js';
import { italianDate, italianDateTime } from './italian-dates.js';
import { PdfWriter } from './pdf-writer.js';

export type ContentView = Extract<Awaited<ReturnType<CaseReader['get']>>, { access: 'content' }>;
export type CaseHistoryView = Awaited<ReturnType<CaseReader['history']>>;

/** The names of what a case refers to by id, from the ambito's directory and resource map. */
export interface Names {
  organisation(id: string): string;
  user(id: string): string;
  resource(id: string): string;
}

const state = (id: string) => STATE_LABELS[id] ?? id;
const eventLabel = (type: string) => EVENT_LABELS[type as CaseEventType] ?? HISTORY_LABELS[type] ?? type;
const organisationName = (ref: { organisationId: string; name?: string }, names: Names) =>
  ref.name ?? names.organisation(ref.organisationId);
const list = (values: string[]) => values.join(', ') || '—';
const counted = (items: unknown, one: string, many: string) => {
  const count = (items as unknown[]).length;
  return `${count} ${count === 1 ? one : many}`;
};

export function personHeader(writer: PdfWriter, { person }: Pick<ContentView, 'person'>): void {
  writer.heading('La persona');
  writer.fact('Nome e cognome', `${person.firstName} ${person.lastName}`);
  writer.fact('Codice fiscale', person.codiceFiscale ?? 'non ancora attribuito');
  writer.fact('Data di nascita', italianDate(person.birthDate));
  // Its own line: a comune takes "a", a foreign country "in", and the record does not say which it is.
  if (person.birthplace) writer.fact('Luogo di nascita', person.birthplace);
  if (person.citizenship) writer.fact('Cittadinanza', person.citizenship);
  writer.fact('Comune di residenza', person.municipality);
}

function planStatus(plan: PlanVersion): string {
  if (plan.signedOn) {
    const copy = plan.signedDocumentId ? ', la copia firmata è tra i documenti del caso' : '';
    return `sottoscritto il ${italianDate(plan.signedOn)}${copy}`;
  }
  if (plan.submittedAt) return `proposto per la sottoscrizione il ${italianDate(plan.submittedAt)}`;
  return 'in redazione';
}

function writePlan(writer: PdfWriter, plan: PlanVersion, names: Names): void {
  writer.fact('Versione', `${plan.version}, ${planStatus(plan)}`);
  if (plan.endDate) writer.fact('Fine prevista del progetto', italianDate(plan.endDate));
  plan.goals.forEach((goal, index) => {
    writer.space(4);
    writer.text(`Obiettivo ${index + 1}: ${goal.description}`, { bold: true });
    for (const action of plan.actions.filter((candidate) => candidate.goalId === goal.id)) {
      const resources = [...action.resourceIds.map((id) => names.resource(id)), ...action.resources];
      writer.item(
        `${action.description}. A cura di: ${organisationName(action.responsibleOrganisation, names)}; ` +
          `dal ${italianDate(action.startDate)} al ${italianDate(action.endDate)}` +
          (resources.length ? `; risorse: ${resources.join(', ')}.` : '.'),
      );
    }
  });
  writer.space(4);
  writer.text('Impegni della persona', { bold: true });
  if (plan.commitments.length === 0) writer.text('Nessuno indicato.');
  for (const commitment of plan.commitments) writer.item(commitment);
}

/** The PaIS in force or being drafted, to print and sign: goals, actions, resources, commitments. */
export async function paisDocument(view: ContentView, names: Names, now: Date): Promise<Uint8Array> {
  const plan = view.data.plan;
  if (!plan) throw new Error('the case has no plan');
  const { person } = view;
  const writer = await PdfWriter.create(
    `PaIS — ${person.firstName} ${person.lastName}`,
    `PaIS di ${person.firstName} ${person.lastName}, versione ${plan.version}, stampato il ${italianDate(now)}`,
  );
  writer.title('Progetto di inclusione sociale (PaIS)');
  writer.text(
    'Progetto personalizzato definito dall’equipe multidisciplinare con la persona, ai sensi della DGR 544/2023.',
    { grey: true },
  );
  personHeader(writer, view);
  writer.heading('Il progetto');
  const responsabile = view.data.responsabile;
  writer.fact(
    'Responsabile del percorso',
    responsabile
      ? `${responsabile.name} (${names.organisation(responsabile.organisationId)})`
      : 'non ancora designato',
  );
  writePlan(writer, plan, names);
  writer.heading('Sottoscrizione');
  writer.text(
    'La persona dichiara di aver condiviso il progetto e si impegna a realizzarne le azioni che la ' +
      'riguardano; il responsabile del percorso ne coordina l’attuazione e le verifiche periodiche.',
  );
  writer.signature(`La persona: ${person.firstName} ${person.lastName}`);
  writer.signature(`Il responsabile del percorso${responsabile ? `: ${responsabile.name}` : ''}`);
  writer.space(16);
  writer.text('Luogo e data: ______________________________');
  return writer.save();
}

/** What a history entry decided and said, in words: never the payload as data. */
function describeEntry(data: Record<string, unknown> | null, names: Names): string[] {
  if (!data) return [];
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
  const refs = (key: string) =>
    Array.isArray(data[key])
      ? list(
          (data[key] as { organisationId: string; name?: string }[]).map((ref) =>
            organisationName(ref, names),
          ),
        )
      : undefined;
  const outcome = data.outcome as { primary?: keyof typeof LABELS.outcome } | undefined;
  const responsabile = data.responsabile as { name?: string } | undefined;
  const assessors = data.assessors as { name: string }[] | undefined;
  const consent = data.authorisedOrganisations as string[] | undefined;
  const domain = text('domain') as keyof typeof LABELS.lifeDomain | undefined;
  const lines = [
    text('profilo') && `Profilo: ${LABELS.profilo[text('profilo') as keyof typeof LABELS.profilo]}`,
    text('decision') && `Decisione: ${LABELS.decision[text('decision') as keyof typeof LABELS.decision]}`,
    text('andamento') && `Andamento: ${LABELS.andamento[text('andamento') as keyof typeof LABELS.andamento]}`,
    domain &&
      `${LABELS.lifeDomain[domain]}: bisogno ${LABELS.needLevel[text('needLevel') as keyof typeof LABELS.needLevel]}`,
    outcome?.primary && `Esito: ${LABELS.outcome[outcome.primary]}`,
    text('date') &&
      `Riunione fissata il ${italianDateTime(text('date')!)}${text('place') ? `, ${text('place')}` : ''}`,
    refs('participants') && `Enti convocati: ${refs('participants')}`,
    text('heldOn') && `Riunione tenuta il ${italianDate(text('heldOn')!)}`,
    refs('attendees') && `Enti presenti: ${refs('attendees')}`,
    assessors && `Valutatori: ${list(assessors.map((assessor) => assessor.name))}`,
    responsabile?.name && `Responsabile del percorso: ${responsabile.name}`,
    consent && `Organizzazioni autorizzate: ${list(consent.map((id) => names.organisation(id)))}`,
    text('informedOn') && `Persona informata il ${italianDate(text('informedOn')!)}`,
    text('signedOn') && `Sottoscritto il ${italianDate(text('signedOn')!)}`,
    text('checkedOn') && `Verifica del ${italianDate(text('checkedOn')!)}`,
    text('from') && `Dal ${italianDate(text('from')!)}`,
    Array.isArray(data.goals) &&
      `PaIS: ${counted(data.goals, 'obiettivo', 'obiettivi')}, ${counted(data.actions, 'azione', 'azioni')}, ` +
        `${counted(data.commitments, 'impegno', 'impegni')} della persona`,
    text('reason') && `Motivo: ${text('reason')}`,
    text('note') && `Nota: ${text('note')}`,
    text('summary') && `Sintesi: ${text('summary')}`,
    text('minutes') && `Verbale: ${text('minutes')}`,
  ];
  return lines.filter((line): line is string => typeof line === 'string');
}

/** The case file of the export: every section the user may read, then the history in prose. */
export async function caseFileDocument(
  view: ContentView,
  history: CaseHistoryView,
  names: Names,
  now: Date,
  purpose: string,
): Promise<Uint8Array> {
  const { person } = view;
  const writer = await PdfWriter.create(
    `Fascicolo del caso — ${person.firstName} ${person.lastName}`,
    `Fascicolo di ${person.firstName} ${person.lastName}, esportato il ${italianDate(now)}`,
  );
  writer.title('Fascicolo del caso');
  writer.text(`Esportato il ${italianDateTime(now)} per: ${purpose}.`, { grey: true });
  personHeader(writer, view);
  if (person.phone) writer.fact('Telefono', person.phone);
  if (person.email) writer.fact('E-mail', person.email);
  writeCase(writer, view, history, names);
  return writer.save();
}

/** What a case holds, as a section of a document: the case file's, or one percorso of a person's file. */
export interface CaseContent {
  state: string;
  phase: string;
  createdAt: Date | string;
  data: ContentView['data'];
  withheld: { field: string; category: string }[];
}

export interface HistoryContent {
  items: {
    seq: number;
    at: Date | string;
    eventType: string;
    fromState: string | null;
    toState: string;
    /** A user's name, or the scheduler's in every language. */
    actorName?: string | Localised;
    eventData?: unknown;
  }[];
  withheld?: { field: string }[];
}

/** Every section of a case, in the order of the path, then its history. */
export function writeCase(writer: PdfWriter, view: CaseContent, history: HistoryContent, names: Names): void {
  const { data } = view;
  writer.heading('Dove si trova il percorso');
  writer.fact('Stato', `${state(view.state)} (fase: ${state(view.phase)})`);
  writer.fact('Segnalato il', italianDate(view.createdAt));
  if (data.responsabile) writer.fact('Responsabile del percorso', data.responsabile.name);

  writer.heading('Scheda unica di segnalazione');
  writer.fact('Servizio inviante', data.referral.referringService);
  writer.fact('Urgenza', LABELS.urgency[data.referral.urgency]);
  writer.fact('Ambiti di bisogno', list(data.referral.needs.map((domain) => LABELS.lifeDomain[domain])));
  if (data.referral.residencePermit) {
    writer.fact('Permesso di soggiorno', LABELS.residencePermit[data.referral.residencePermit]);
  }
  if (data.referral.language) writer.fact('Lingua', data.referral.language);
  if (data.referral.mediatorNeeded) writer.text('Serve un mediatore linguistico-culturale agli incontri.');
  writer.fact('Motivo della segnalazione', data.referral.reason);
  for (const request of data.integrationRequests) {
    writer.item(`Integrazione richiesta il ${italianDate(request.at)}: ${request.note}`);
  }
  if (data.rejection) {
    writer.fact(
      'Non accolta',
      `${LABELS.rejectionReason[data.rejection.reason as keyof typeof LABELS.rejectionReason]}${data.rejection.note ? ` — ${data.rejection.note}` : ''}`,
    );
  }

  writer.heading('Consenso informato');
  if (!data.consent) writer.text('Non registrato.');
  else {
    writer.text(
      `${data.consent.given ? 'Dato' : 'Negato'}: persona informata il ${italianDate(data.consent.informedOn)}, ` +
        `registrato il ${italianDate(data.consent.recordedAt)}.`,
    );
    writer.fact(
      'Organizzazioni autorizzate',
      list(data.consent.authorisedOrganisations.map((id) => names.organisation(id))),
    );
    if (data.consent.documentId) writer.fact('Modulo firmato', 'tra i documenti del caso');
  }

  writer.heading('Valutazione multidimensionale');
  writer.fact('Valutatori', list(data.assessors.map((assessor) => assessor.name)));
  for (const domain of LIFE_DOMAINS) {
    const assessment = data.assessments[domain];
    if (!assessment) continue;
    writer.item(
      `${LABELS.lifeDomain[domain]} — bisogno ${LABELS.needLevel[assessment.needLevel as keyof typeof LABELS.needLevel]}: ` +
        `${assessment.summary} (${names.user(assessment.assessedBy)}, ${italianDate(assessment.assessedAt)})`,
    );
  }
  if (data.profilo) writer.fact('Profilo', LABELS.profilo[data.profilo]);

  writer.heading('Equipe multidisciplinare');
  if (data.meetings.length === 0) writer.text('Nessuna riunione convocata.');
  data.meetings.forEach((meeting, index) => {
    writer.text(`Riunione ${index + 1}: ${state(`equipe.${meeting.level}`)}`, { bold: true });
    writer.fact(
      'Convocata per il',
      `${italianDateTime(meeting.date)}${meeting.place ? `, ${meeting.place}` : ''}`,
    );
    writer.fact('Enti convocati', list(meeting.participants.map((ref) => organisationName(ref, names))));
    if (meeting.held) {
      writer.fact('Tenuta il', italianDate(meeting.held.heldOn));
      writer.fact('Enti presenti', list(meeting.held.attendees.map((ref) => organisationName(ref, names))));
      writer.fact('Decisione', LABELS.decision[meeting.held.decision as keyof typeof LABELS.decision]);
      writer.fact('Verbale', meeting.held.minutes);
    }
  });
  // Under their own title: after the meetings' facts a bare item reads as part of the last meeting.
  if (data.escalations.length) writer.text('Passaggi al secondo livello', { bold: true });
  for (const escalation of data.escalations) {
    writer.item(
      `Passaggio al secondo livello il ${italianDate(escalation.at)} da ${state(escalation.from)}: ` +
        LABELS.escalationReason[escalation.reason as keyof typeof LABELS.escalationReason],
    );
  }

  writer.heading('Progetto di inclusione sociale (PaIS)');
  if (!data.plan) writer.text('Non ancora redatto.');
  else writePlan(writer, data.plan, names);
  for (const earlier of [...data.planHistory].reverse()) {
    writer.space(4);
    writer.text(`Versione precedente ${earlier.version}`, { bold: true, grey: true });
    writePlan(writer, earlier, names);
  }

  writer.heading('Monitoraggio');
  if (data.monitoring.length === 0) writer.text('Nessuna verifica registrata.');
  const actions = [...data.planHistory, ...(data.plan ? [data.plan] : [])].flatMap((plan) => plan.actions);
  for (const check of data.monitoring) {
    writer.text(`Verifica del ${italianDate(check.checkedOn)}: ${LABELS.andamento[check.andamento]}`, {
      bold: true,
    });
    for (const action of check.actions) {
      const described = actions.findLast((candidate) => candidate.id === action.actionId)?.description;
      writer.item(
        `${described ?? action.actionId}: ${LABELS.actionStatus[action.status as keyof typeof LABELS.actionStatus]}` +
          (action.note ? ` — ${action.note}` : ''),
      );
    }
    if (check.note) writer.fact('Nota', check.note);
  }
  if (data.suspension)
    writer.fact('Sospeso', `dal ${italianDate(data.suspension.from)}: ${data.suspension.reason}`);

  writer.heading('Esito');
  if (!data.outcome) writer.text('Il percorso è in corso.');
  else {
    writer.fact('Esito principale', LABELS.outcome[data.outcome.primary]);
    writer.fact('Concluso il', italianDate(data.outcome.at));
    if (data.outcome.secondary.length) {
      writer.fact('Altri esiti', list(data.outcome.secondary.map((code) => LABELS.outcome[code])));
    }
    if (data.outcome.contractType) writer.fact('Contratto', LABELS.contractType[data.outcome.contractType]);
    if (data.outcome.note) writer.fact('Nota', data.outcome.note);
  }

  if (view.withheld.length) {
    const kinds = [...new Set(view.withheld.map((withheld) => withheld.category))].map((category) =>
      category === 'particolari'
        ? 'dati particolari (salute)'
        : category === 'giudiziari'
          ? 'dati giudiziari'
          : 'dati comuni',
    );
    writer.heading('Dati non inclusi');
    writer.text(`Dati non inclusi perché riservati ad altri ruoli: ${list(kinds)}.`);
  }

  writer.heading('Storia del percorso');
  for (const entry of history.items) {
    const who =
      typeof entry.actorName === 'object' ? entry.actorName.it : (entry.actorName ?? SYSTEM_NAME.it);
    const moved =
      entry.fromState && entry.fromState !== entry.toState
        ? ` (da «${state(entry.fromState)}» a «${state(entry.toState)}»)`
        : '';
    writer.text(`${italianDateTime(entry.at)} — ${who}: ${eventLabel(entry.eventType)}${moved}`, {
      bold: true,
    });
    const entryData = (entry.eventData ?? null) as Record<string, unknown> | null;
    const withheld = history.withheld?.some((item) => item.field === `history.${entry.seq}.eventData`);
    if (withheld) writer.text('Contenuto riservato ad altri ruoli.', { indent: 12, grey: true });
    for (const line of describeEntry(entryData, names)) writer.text(line, { indent: 12 });
  }
}
