// Italian labels for the chart's states and events and for the values of its vocabularies: one place,
// shown by the API's workflow description, the server's documents and the UI.
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

type Labelled<T extends string> = Record<T, string>;
type Of<T extends readonly string[]> = Labelled<T[number]>;

export const STATE_LABELS: Record<string, string> = {
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
};

export const EVENT_LABELS: Record<CaseEventType, string> = {
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
};

/**
 * What an event is called once the case already holds what it records: a consent recorded again replaces
 * the one given (to authorise one more organisation, or to withdraw it), so the action says so.
 */
export const RENEWAL_LABELS = {
  RECORD_CONSENT: 'Aggiorna il consenso informato',
} satisfies Partial<Record<CaseEventType, string>>;

/** Whether the case already holds what the event records, so the event renews it (RENEWAL_LABELS). */
export function renews(type: CaseEventType, context: Pick<CaseContext, 'consent'>): boolean {
  return type === 'RECORD_CONSENT' && context.consent !== null;
}

/** History entries that are not events of the chart: the referral written, the ambito's rules changed. */
export const HISTORY_LABELS: Record<string, string> = {
  CREATE_REFERRAL: 'Segnalazione compilata',
  DEADLINE_RULES_CHANGED: 'Scadenze dell’ambito modificate',
  PERCORSO_COLLEGATO: 'Collegato a un nuovo percorso della persona',
  CHART_MIGRATED: 'Passato alla nuova versione del percorso',
};

/** The Italian name of each value of each vocabulary (vocabulary.ts), for the UI and the documents. */
export const VOCABULARY_LABELS = {
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
};
