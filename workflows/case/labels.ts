// The names of the chart's states, events, deadlines and vocabulary values, in Italian and in English: one
// place, read by the API (which answers in the request's language), the server's documents (Italian) and
// the UI. Sentences worded elsewhere (a rule's reason, an API error) are `Localised` values written where
// they are worded, both languages side by side; this file says what that type is.
import type { DataCategory } from './access-rules.js';
import type { CaseContext } from './context.js';
import type { CaseEventType } from './events.js';
import type {
  ACTION_STATUSES,
  ANDAMENTI,
  CONTRACT_TYPES,
  LifeDomain,
  MEETING_DECISIONS,
  NEED_LEVELS,
  OrganisationType,
  OutcomeCode,
  Profilo,
  REJECTION_REASONS,
  RESIDENCE_PERMITS,
  ResourceKind,
  URGENCY_LEVELS,
} from './vocabulary.js';

/** The languages Percorsi speaks; Italian first, the default wherever the request names none. */
export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * A text in every language Percorsi speaks. The server words what it sends so (the type makes a missing
 * language fail to compile) and the API answers with the one the request's Accept-Language asks for.
 */
export type Localised = Readonly<Record<Language, string>>;

/** A type as the API sends it: each Localised text in it worded in the request's language. */
export type Worded<T> = T extends Localised
  ? string
  : T extends readonly (infer Item)[]
    ? Worded<Item>[]
    : T extends object
      ? { [K in keyof T]: Worded<T[K]> }
      : T;

type Labelled<T extends string> = Record<T, string>;
type Of<T extends readonly string[]> = Labelled<T[number]>;

const it = {
  states: {
    segnalazione: 'Segnalazione',
    'segnalazione.bozza': 'Bozza',
    'segnalazione.inviata': 'Inviata, in attesa di triage',
    'segnalazione.da_integrare': 'Da integrare',
    valutazione: 'Valutazione multidimensionale',
    'valutazione.accoglienza': 'Colloquio di accoglienza',
    'valutazione.da_assegnare': 'Valutatori da assegnare',
    'valutazione.in_corso': 'Valutazione in corso',
    equipe: 'Equipe multidisciplinare',
    'equipe.primo_livello': 'Equipe di primo livello',
    'equipe.primo_livello.da_convocare': 'Equipe di primo livello da convocare',
    'equipe.primo_livello.convocata': 'Equipe di primo livello convocata',
    'equipe.secondo_livello': 'Equipe di secondo livello',
    'equipe.secondo_livello.da_convocare': 'Equipe di secondo livello da convocare',
    'equipe.secondo_livello.convocata': 'Equipe di secondo livello convocata',
    pais: 'Progetto di inclusione sociale (PaIS)',
    'pais.in_redazione': 'PaIS in redazione',
    'pais.da_sottoscrivere': 'PaIS da sottoscrivere',
    monitoraggio: 'Monitoraggio',
    'monitoraggio.attivo': 'Monitoraggio attivo',
    'monitoraggio.sospeso': 'Monitoraggio sospeso',
    esito: 'Esito',
  },
  events: {
    UPDATE_REFERRAL: 'Modifica la segnalazione',
    RECORD_CONSENT: 'Registra il consenso informato',
    SUBMIT: 'Invia la segnalazione',
    REQUEST_INTEGRATION: 'Chiedi integrazioni',
    RESUBMIT: 'Reinvia la segnalazione integrata',
    ACCEPT: 'Accogli la segnalazione',
    REJECT: 'Non accogliere la segnalazione',
    RECORD_WELCOME_INTERVIEW: 'Registra il colloquio di accoglienza',
    ASSIGN_ASSESSORS: 'Assegna i valutatori',
    RECORD_DOMAIN_ASSESSMENT: 'Registra la valutazione di un ambito',
    COMPLETE_ASSESSMENT: 'Concludi la valutazione',
    SCHEDULE_MEETING: 'Convoca l’equipe',
    DESIGNATE_RESPONSABILE: 'Designa il responsabile del percorso',
    RECORD_MEETING: 'Registra l’esito della riunione',
    ESCALATE: 'Passa all’equipe di secondo livello',
    UPDATE_PLAN: 'Modifica il PaIS',
    SUBMIT_FOR_SIGNATURE: 'Proponi il PaIS per la sottoscrizione',
    SIGN: 'Registra la sottoscrizione',
    REFUSE: 'Registra il rifiuto del progetto',
    RECORD_MONITORING: 'Registra una verifica',
    REVISE_PLAN: 'Rivedi il PaIS',
    SUSPEND: 'Sospendi il percorso',
    RESUME: 'Riprendi il percorso',
    CLOSE: 'Chiudi con un esito',
  } satisfies Record<CaseEventType, string>,
  /**
   * What an event is called once the case already holds what it records: a consent recorded again replaces
   * the one given (to authorise one more organisation, or to withdraw it), so the action says so.
   */
  renewals: {
    RECORD_CONSENT: 'Aggiorna il consenso informato',
  } satisfies Partial<Record<CaseEventType, string>>,
  /** History entries that are not events of the chart: the referral written, the ambito's rules changed. */
  history: {
    CREATE_REFERRAL: 'Segnalazione compilata',
    DEADLINE_RULES_CHANGED: 'Scadenze dell’ambito modificate',
    PERCORSO_COLLEGATO: 'Collegato a un nuovo percorso della persona',
    CHART_MIGRATED: 'Passato alla nuova versione del percorso',
  },
  /** Each deadline the chart declares (its `key`), as reminders and lists name it. */
  deadlines: {
    triage: 'Triage della segnalazione',
    valutazione: 'Completamento della valutazione multidimensionale',
    equipe_primo_livello: 'Equipe di primo livello riunita',
    riunione_primo_livello: 'Riunione dell’equipe di primo livello',
    equipe_secondo_livello: 'Equipe di secondo livello riunita',
    riunione_secondo_livello: 'Riunione dell’equipe di secondo livello',
    sottoscrizione_pais: 'Sottoscrizione del PaIS',
    verifica_periodica: 'Verifica periodica del PaIS',
    follow_up_6_mesi: 'Follow-up a 6 mesi dall’occupazione',
    follow_up_12_mesi: 'Follow-up a 12 mesi dall’occupazione',
  },
  /** Who acted when no user did: the scheduler, on a deadline's expiry. */
  system: 'Sistema',
  /**
   * What an entry of the audit log says was read, exported or corrected (audit-fields.ts reads the recorded
   * field paths into these): `{n}` an event's number in the case's history, `{id}` the start of a record's code.
   */
  audit: {
    actions: {
      lettura: 'Lettura',
      esportazione: 'Esportazione',
      unione: 'Unione di schede',
      rettifica: 'Rettifica',
    },
    assessments: 'Valutazioni',
    needs: 'Bisogni indicati nella segnalazione',
    historyEntry: 'Storico (evento {n})',
    historyNeeds: 'Storico (evento {n}): bisogni',
    diaryEntry: 'Diario (nota {id})',
    diaryVersions: 'Diario: versioni precedenti (nota {id})',
    document: 'Documento (codice {id})',
    caseFile: 'Fascicolo del caso',
    leftOut: 'Escluso: {what}',
    person: 'Scheda della persona (codice {id})',
    case: 'Percorso (codice {id})',
    personFields: {
      firstName: 'nome',
      lastName: 'cognome',
      birthDate: 'data di nascita',
      sex: 'sesso',
      birthplace: 'luogo di nascita',
      citizenship: 'cittadinanza',
      municipality: 'comune di residenza',
      phone: 'telefono',
      email: 'e-mail',
      codiceFiscale: 'codice fiscale',
    },
  },
  /** The name of each value of each vocabulary (vocabulary.ts). */
  vocab: {
    documentKind: {
      consenso: 'Consenso firmato',
      pais_firmato: 'PaIS sottoscritto',
      isee: 'ISEE',
      identita: 'Documento d’identità',
      certificato: 'Certificato',
      altro: 'Altro',
    },
    dataCategory: {
      comuni: 'Dati comuni',
      particolari: 'Dati sanitari (particolari)',
      giudiziari: 'Dati giudiziari',
    },
    lifeDomain: {
      lavoro: 'Lavoro',
      reddito: 'Reddito',
      casa: 'Casa',
      salute: 'Salute',
      dipendenze: 'Dipendenze',
      salute_mentale: 'Salute mentale',
      disabilita: 'Disabilità',
      giustizia: 'Giustizia',
      famiglia_cura: 'Famiglia e cura',
      istruzione: 'Istruzione',
      lingua: 'Lingua',
    },
    resourceKind: {
      puc: 'Progetto utile alla collettività (PUC)',
      azienda: 'Azienda aperta a tirocini e inserimenti',
      incentivo: 'Incentivo all’assunzione',
      finanziamento: 'Linea di finanziamento',
      programma: 'Programma (es. GOL percorso 4)',
    },
    organisationType: {
      sds: 'Società della Salute',
      comune: 'Comune',
      cpi: 'Centro per l’Impiego',
      serd: 'Ser.D',
      salute_mentale: 'Salute mentale',
      disabilita: 'Disabilità',
      uepe: 'UEPE',
      casa: 'Casa',
      ets: 'Terzo settore',
      scuola: 'Scuola',
    },
    urgency: { ordinaria: 'Ordinaria', alta: 'Alta' },
    residencePermit: {
      non_richiesto: 'Non richiesto (cittadinanza italiana o UE)',
      valido: 'Valido',
      in_rinnovo: 'In rinnovo',
      scaduto: 'Scaduto',
      assente: 'Assente',
    },
    rejectionReason: {
      non_pertinente: 'Non pertinente',
      duplicata: 'Duplicata',
      gia_in_carico: 'Già in carico',
      consenso_negato: 'Consenso negato',
    },
    profilo: {
      lavorativo: 'Lavorativo — invio ai servizi per il lavoro',
      sociale: 'Sociale — invio ai servizi sociali',
      socio_lavorativo: 'Socio-lavorativo — equipe di primo livello',
      complesso: 'Complesso — equipe di secondo livello',
    },
    needLevel: { nessuno: 'Nessuno', basso: 'Basso', medio: 'Medio', alto: 'Alto' },
    decision: {
      pais: 'Definire il PaIS',
      escalate: 'Passare al secondo livello',
      chiusura: 'Chiudere con un esito',
    },
    escalationReason: {
      decisione: 'Decisione dell’equipe',
      scadenza: 'Scadenza superata',
      criticita: 'Criticità',
    },
    andamento: { regolare: 'Regolare', criticita: 'Criticità', interrotto: 'Interrotto' },
    actionStatus: {
      da_avviare: 'Da avviare',
      in_corso: 'In corso',
      completata: 'Completata',
      sospesa: 'Sospesa',
      annullata: 'Annullata',
    },
    outcome: {
      occupazione: 'Occupazione',
      tirocinio: 'Tirocinio',
      formazione: 'Formazione',
      autoimpiego: 'Autoimpiego',
      obiettivi_raggiunti: 'Obiettivi raggiunti',
      invio_altro_servizio: 'Invio ad altro servizio',
      invio_servizi_lavoro: 'Invio ai servizi per il lavoro',
      invio_servizi_sociali: 'Invio ai servizi sociali',
      abbandono: 'Abbandono',
      rifiuto_progetto: 'Rifiuto del progetto',
      trasferimento: 'Trasferimento',
      segnalazione_non_accolta: 'Segnalazione non accolta',
      decesso: 'Decesso',
      altro: 'Altro',
    },
    contractType: {
      tempo_indeterminato: 'Tempo indeterminato',
      tempo_determinato: 'Tempo determinato',
      apprendistato: 'Apprendistato',
      somministrazione: 'Somministrazione',
      part_time: 'Part-time',
      altro: 'Altro',
    },
  } satisfies {
    documentKind: Record<string, string>;
    dataCategory: Labelled<DataCategory>;
    lifeDomain: Labelled<LifeDomain>;
    resourceKind: Labelled<ResourceKind>;
    organisationType: Labelled<OrganisationType>;
    urgency: Of<typeof URGENCY_LEVELS>;
    residencePermit: Of<typeof RESIDENCE_PERMITS>;
    rejectionReason: Of<typeof REJECTION_REASONS>;
    profilo: Labelled<Profilo>;
    needLevel: Of<typeof NEED_LEVELS>;
    decision: Of<typeof MEETING_DECISIONS>;
    escalationReason: Labelled<'decisione' | 'scadenza' | 'criticita'>;
    andamento: Of<typeof ANDAMENTI>;
    actionStatus: Of<typeof ACTION_STATUSES>;
    outcome: Labelled<OutcomeCode>;
    contractType: Of<typeof CONTRACT_TYPES>;
  },
};

/** The shape of one language's labels: every key the Italian has, each a text. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type ChartLabels = Shape<typeof it>;

const en: ChartLabels = {
  states: {
    segnalazione: 'Referral',
    'segnalazione.bozza': 'Draft',
    'segnalazione.inviata': 'Submitted, awaiting triage',
    'segnalazione.da_integrare': 'To be completed',
    valutazione: 'Multidimensional assessment',
    'valutazione.accoglienza': 'Welcome interview',
    'valutazione.da_assegnare': 'Assessors to assign',
    'valutazione.in_corso': 'Assessment in progress',
    equipe: 'Multidisciplinary team',
    'equipe.primo_livello': 'First-level team',
    'equipe.primo_livello.da_convocare': 'First-level team to convene',
    'equipe.primo_livello.convocata': 'First-level team convened',
    'equipe.secondo_livello': 'Second-level team',
    'equipe.secondo_livello.da_convocare': 'Second-level team to convene',
    'equipe.secondo_livello.convocata': 'Second-level team convened',
    pais: 'Inclusion plan (PaIS)',
    'pais.in_redazione': 'PaIS being drafted',
    'pais.da_sottoscrivere': 'PaIS awaiting signature',
    monitoraggio: 'Monitoring',
    'monitoraggio.attivo': 'Monitoring active',
    'monitoraggio.sospeso': 'Monitoring suspended',
    esito: 'Outcome',
  },
  events: {
    UPDATE_REFERRAL: 'Edit the referral',
    RECORD_CONSENT: 'Record informed consent',
    SUBMIT: 'Submit the referral',
    REQUEST_INTEGRATION: 'Ask for more information',
    RESUBMIT: 'Resubmit the completed referral',
    ACCEPT: 'Accept the referral',
    REJECT: 'Do not accept the referral',
    RECORD_WELCOME_INTERVIEW: 'Record the welcome interview',
    ASSIGN_ASSESSORS: 'Assign assessors',
    RECORD_DOMAIN_ASSESSMENT: 'Record a domain assessment',
    COMPLETE_ASSESSMENT: 'Complete the assessment',
    SCHEDULE_MEETING: 'Convene the team',
    DESIGNATE_RESPONSABILE: 'Designate the case manager',
    RECORD_MEETING: 'Record the meeting',
    ESCALATE: 'Escalate to the second-level team',
    UPDATE_PLAN: 'Edit the PaIS',
    SUBMIT_FOR_SIGNATURE: 'Propose the PaIS for signature',
    SIGN: 'Record the signature',
    REFUSE: 'Record the refusal of the project',
    RECORD_MONITORING: 'Record a check',
    REVISE_PLAN: 'Revise the PaIS',
    SUSPEND: 'Suspend the path',
    RESUME: 'Resume the path',
    CLOSE: 'Close with an outcome',
  },
  renewals: { RECORD_CONSENT: 'Update informed consent' },
  history: {
    CREATE_REFERRAL: 'Referral filled in',
    DEADLINE_RULES_CHANGED: 'Ambito deadlines changed',
    PERCORSO_COLLEGATO: 'Linked to a new percorso of the person',
    CHART_MIGRATED: 'Moved to the new version of the path',
  },
  deadlines: {
    triage: 'Triage of the referral',
    valutazione: 'Completion of the multidimensional assessment',
    equipe_primo_livello: 'First-level team met',
    riunione_primo_livello: 'Meeting of the first-level team',
    equipe_secondo_livello: 'Second-level team met',
    riunione_secondo_livello: 'Meeting of the second-level team',
    sottoscrizione_pais: 'Signature of the PaIS',
    verifica_periodica: 'Periodic check of the PaIS',
    follow_up_6_mesi: 'Follow-up 6 months after employment',
    follow_up_12_mesi: 'Follow-up 12 months after employment',
  },
  system: 'System',
  audit: {
    actions: {
      lettura: 'Read',
      esportazione: 'Export',
      unione: 'Records merged',
      rettifica: 'Rectification',
    },
    assessments: 'Assessments',
    needs: 'Needs named in the referral',
    historyEntry: 'History (event {n})',
    historyNeeds: 'History (event {n}): needs',
    diaryEntry: 'Diary (note {id})',
    diaryVersions: 'Diary: earlier versions (note {id})',
    document: 'Document (code {id})',
    caseFile: 'Case file',
    leftOut: 'Left out: {what}',
    person: 'Person record (code {id})',
    case: 'Percorso (code {id})',
    personFields: {
      firstName: 'first name',
      lastName: 'last name',
      birthDate: 'date of birth',
      sex: 'sex',
      birthplace: 'place of birth',
      citizenship: 'citizenship',
      municipality: 'municipality of residence',
      phone: 'phone',
      email: 'e-mail',
      codiceFiscale: 'codice fiscale',
    },
  },
  vocab: {
    documentKind: {
      consenso: 'Signed consent',
      pais_firmato: 'Signed PaIS',
      isee: 'ISEE',
      identita: 'Identity document',
      certificato: 'Certificate',
      altro: 'Other',
    },
    dataCategory: {
      comuni: 'Common data',
      particolari: 'Health data (special categories)',
      giudiziari: 'Judicial data',
    },
    lifeDomain: {
      lavoro: 'Work',
      reddito: 'Income',
      casa: 'Housing',
      salute: 'Health',
      dipendenze: 'Addiction',
      salute_mentale: 'Mental health',
      disabilita: 'Disability',
      giustizia: 'Justice',
      famiglia_cura: 'Family and care',
      istruzione: 'Education',
      lingua: 'Language',
    },
    resourceKind: {
      puc: 'Community-service project (PUC)',
      azienda: 'Company open to placements',
      incentivo: 'Hiring incentive',
      finanziamento: 'Funding line',
      programma: 'Programme (e.g. GOL percorso 4)',
    },
    organisationType: {
      sds: 'Società della Salute',
      comune: 'Municipality',
      cpi: 'Job centre',
      serd: 'Ser.D (addiction)',
      salute_mentale: 'Mental health',
      disabilita: 'Disability',
      uepe: 'Probation (UEPE)',
      casa: 'Housing',
      ets: 'Third sector',
      scuola: 'School',
    },
    urgency: { ordinaria: 'Ordinary', alta: 'High' },
    residencePermit: {
      non_richiesto: 'Not required (Italian or EU citizen)',
      valido: 'Valid',
      in_rinnovo: 'Being renewed',
      scaduto: 'Expired',
      assente: 'None',
    },
    rejectionReason: {
      non_pertinente: 'Not relevant',
      duplicata: 'Duplicate',
      gia_in_carico: 'Already a case',
      consenso_negato: 'Consent refused',
    },
    profilo: {
      lavorativo: 'Labour — refer to employment services',
      sociale: 'Social — refer to social services',
      socio_lavorativo: 'Social–labour — first-level team',
      complesso: 'Complex — second-level team',
    },
    needLevel: { nessuno: 'None', basso: 'Low', medio: 'Medium', alto: 'High' },
    decision: {
      pais: 'Define the PaIS',
      escalate: 'Escalate to second level',
      chiusura: 'Close with an outcome',
    },
    escalationReason: { decisione: 'Team decision', scadenza: 'Deadline missed', criticita: 'Problems' },
    andamento: { regolare: 'On track', criticita: 'Problems', interrotto: 'Interrupted' },
    actionStatus: {
      da_avviare: 'Not started',
      in_corso: 'In progress',
      completata: 'Done',
      sospesa: 'Suspended',
      annullata: 'Cancelled',
    },
    outcome: {
      occupazione: 'Employment',
      tirocinio: 'Traineeship',
      formazione: 'Training',
      autoimpiego: 'Self-employment',
      obiettivi_raggiunti: 'Goals achieved',
      invio_altro_servizio: 'Referred to another service',
      invio_servizi_lavoro: 'Referred to employment services',
      invio_servizi_sociali: 'Referred to social services',
      abbandono: 'Dropped out',
      rifiuto_progetto: 'Project refused',
      trasferimento: 'Moved away',
      segnalazione_non_accolta: 'Referral not accepted',
      decesso: 'Death',
      altro: 'Other',
    },
    contractType: {
      tempo_indeterminato: 'Permanent',
      tempo_determinato: 'Fixed-term',
      apprendistato: 'Apprenticeship',
      somministrazione: 'Agency work',
      part_time: 'Part-time',
      altro: 'Other',
    },
  },
};

/** Every label in every language. */
export const LABELS: Readonly<Record<Language, ChartLabels>> = { it, en };

/** The Italian names, for what is only ever Italian (documents, e-mails) and for the keys themselves. */
export const STATE_LABELS: Record<string, string> = it.states;
export const EVENT_LABELS = it.events;
export const RENEWAL_LABELS = it.renewals;
export const HISTORY_LABELS: Record<string, string> = it.history;
export const DEADLINE_LABELS: Record<string, string> = it.deadlines;
export const VOCABULARY_LABELS = it.vocab;

export type DeadlineKey = keyof typeof it.deadlines;

/** A text worded from the labels, in every language: `inEveryLanguage((labels) => labels.system)`. */
export function inEveryLanguage(word: (labels: ChartLabels, language: Language) => string): Localised {
  return { it: word(it, 'it'), en: word(en, 'en') };
}

/** Texts one after the other, each once (two rules may say the same), in every language. */
export function joined(texts: Localised[]): Localised {
  const unique = [...new Map(texts.map((text) => [text.it, text])).values()];
  return inEveryLanguage((_, language) => unique.map((text) => text[language]).join(' '));
}

/** A state's name (its id when the chart has no such state). */
export const stateName = (id: string): Localised =>
  inEveryLanguage((labels) => (labels.states as Record<string, string>)[id] ?? id);

/** A deadline's name by its key (the key when the chart declares no such deadline). */
export const deadlineName = (key: string): Localised =>
  inEveryLanguage((labels) => (labels.deadlines as Record<string, string>)[key] ?? key);

/** Who is named for what the scheduler did. */
export const SYSTEM_NAME: Localised = inEveryLanguage((labels) => labels.system);

/** Whether the case already holds what the event records, so the event renews it (RENEWAL_LABELS). */
export function renews(type: CaseEventType, context: Pick<CaseContext, 'consent'>): boolean {
  return type === 'RECORD_CONSENT' && context.consent !== null;
}
