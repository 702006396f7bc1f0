// The two demo ambiti, from the seed documents: Valdinievole (one SdS, one integrated equipe) and the
// Piana di Lucca (seven Comuni, CPI Lucca, ASL Toscana Nord-Ovest, a one-stop-shop desk, seed 003).
// Each is a territory of its own: organisations, users, cases and deadline rules that the other never sees.
import type {
  CaseEventType,
  DeadlineOverride,
  OrganisationType,
  ResourceKind,
  Role,
} from '../../workflows/case/index.js';

export interface DemoUser {
  email: string;
  fullName: string;
  role: Role;
  /** The key of the organisation in the territory's list. */
  organisation: string;
}

/**
 * How far along the common path a demo case goes, plus the detours the process allows, and when: the
 * last event `daysAgo`, the earlier ones two days apart before it. `meetingInDays`: the meeting the
 * case's events schedule, counted from today (default: the day it is held).
 */
export interface DemoCase {
  steps: number;
  detour?: { type: CaseEventType; data?: object }[];
  daysAgo: number;
  meetingInDays?: number;
  /** Another percorso of the person of an earlier demo case (its index); a REJECT gia_in_carico names that one. */
  personOf?: number;
  /** The organisation (key) that refers it, when not the territory's usual referrer. */
  referrer?: string;
}

export interface DemoResource {
  kind: ResourceKind;
  name: string;
  description: string;
  /** The key of the owner organisation in the territory's list. */
  owner: string;
  places: number | null;
  validFrom: string;
  validTo: string | null;
  contact: string;
}

export interface DemoTerritory {
  ambito: string;
  organisations: { key: string; name: string; type: OrganisationType }[];
  users: DemoUser[];
  /** Who plays which part in the demo cases (organisation keys and user e-mails). */
  parts: {
    social: string;
    labour: string;
    health: string;
    referrer: string;
    coordinator: string;
    responsabile: string;
    assessors: string[];
  };
  /** Where the demo people live, and the Belfiore code of the comune they were born in. */
  municipality: { name: string; belfiore: string };
  referringService: string;
  /** First name, surname and, for women, 'F' (the codice fiscale encodes sex). */
  people: readonly (readonly [string, string, 'F'?])[];
  cases: DemoCase[];
  /** The ambito's own deadline rules, where its agreements differ from the chart's defaults. */
  deadlineOverrides: Record<string, DeadlineOverride>;
  /** The version of the chart its new referrals start on, chosen by its amministratore (absent: version 1). */
  chartVersion?: number;
  /** Its resource map; the demo plans link the first one. */
  resources: DemoResource[];
}

const VALDINIEVOLE: DemoTerritory = {
  ambito: 'valdinievole',
  organisations: [
    { key: 'sds', name: 'Società della Salute della Valdinievole', type: 'sds' },
    { key: 'cpi', name: 'Centro per l’Impiego di Pescia (ARTI)', type: 'cpi' },
    { key: 'serd', name: 'Ser.D Valdinievole (Azienda USL Toscana Centro)', type: 'serd' },
    { key: 'sm', name: 'Salute Mentale Adulti Valdinievole', type: 'salute_mentale' },
    { key: 'ets', name: 'Cooperativa sociale Il Ponte (ETS)', type: 'ets' },
    { key: 'comune', name: 'Comune di Pescia — Servizi sociali', type: 'comune' },
    {
      key: 'disabilita',
      name: 'Servizio Disabilità Valdinievole (Azienda USL Toscana Centro)',
      type: 'disabilita',
    },
    { key: 'uepe', name: 'UEPE Pistoia', type: 'uepe' },
    { key: 'casa', name: 'SPES — Edilizia residenziale pubblica Pistoia', type: 'casa' },
    { key: 'scuola', name: 'CPIA 1 Pistoia', type: 'scuola' },
  ],
  users: [
    {
      email: 'coordinatore@percorsi.demo',
      fullName: 'Laura Neri',
      role: 'coordinatore',
      organisation: 'sds',
    },
    { email: 'operatore@percorsi.demo', fullName: 'Giulia Bianchi', role: 'operatore', organisation: 'sds' },
    { email: 'cpi@percorsi.demo', fullName: 'Carlo Verdi', role: 'operatore', organisation: 'cpi' },
    { email: 'serd@percorsi.demo', fullName: 'Paola Gialli', role: 'operatore', organisation: 'serd' },
    { email: 'inviante@percorsi.demo', fullName: 'Marco Blu', role: 'inviante', organisation: 'ets' },
    {
      email: 'salutementale@percorsi.demo',
      fullName: 'Elisa Marrone',
      role: 'operatore',
      organisation: 'sm',
    },
    { email: 'comune@percorsi.demo', fullName: 'Franco Grigi', role: 'operatore', organisation: 'comune' },
    {
      email: 'disabilita@percorsi.demo',
      fullName: 'Irene Celeste',
      role: 'operatore',
      organisation: 'disabilita',
    },
    { email: 'uepe@percorsi.demo', fullName: 'Davide Ocra', role: 'operatore', organisation: 'uepe' },
    { email: 'casa@percorsi.demo', fullName: 'Nadia Indaco', role: 'operatore', organisation: 'casa' },
    { email: 'scuola@percorsi.demo', fullName: 'Pietro Lilla', role: 'operatore', organisation: 'scuola' },
    { email: 'admin@percorsi.demo', fullName: 'Sara Rosa', role: 'amministratore', organisation: 'sds' },
    { email: 'dpo@percorsi.demo', fullName: 'Luca Viola', role: 'dpo', organisation: 'sds' },
  ],
  parts: {
    social: 'sds',
    labour: 'cpi',
    health: 'serd',
    referrer: 'ets',
    coordinator: 'coordinatore@percorsi.demo',
    responsabile: 'operatore@percorsi.demo',
    assessors: ['operatore@percorsi.demo', 'cpi@percorsi.demo'],
  },
  municipality: { name: 'Pescia', belfiore: 'G491' },
  referringService: 'Servizio sociale professionale, SdS Valdinievole',
  people: [
    ['Mario', 'Rossi'],
    ['Aisha', 'Diallo', 'F'],
    ['Giovanni', 'Esposito'],
    ['Elena', 'Ricci', 'F'],
    ['Ahmed', 'Benali'],
    ['Francesca', 'Romano', 'F'],
    ['Luca', 'Colombo'],
    ['Ioana', 'Popescu', 'F'],
    ['Simone', 'Bruno'],
    ['Chiara', 'Gallo', 'F'],
    ['Davide', 'Conti'],
    ['Marta', 'Fontana', 'F'],
    ['Roberto', 'Greco'],
  ],
  // A few cases are left past a deadline (a referral waiting for triage, an assessment, a PaIS waiting
  // to be written), so the coordinator's stuck list has something to show; their expiries fire when the
  // worker first starts, as they would have.
  cases: [
    { steps: 0, daysAgo: 1 },
    { steps: 2, daysAgo: 14 },
    {
      steps: 2,
      detour: [{ type: 'REQUEST_INTEGRATION', data: { note: 'Manca il consenso firmato.' } }],
      daysAgo: 6,
    },
    { steps: 3, daysAgo: 3 },
    { steps: 5, daysAgo: 33 },
    { steps: 7, daysAgo: 5 },
    { steps: 8, daysAgo: 3, meetingInDays: 5 },
    {
      steps: 6,
      detour: [
        {
          type: 'RECORD_DOMAIN_ASSESSMENT',
          data: { domain: 'dipendenze', needLevel: 'alto', summary: 'In carico al Ser.D per uso di alcol.' },
        },
        { type: 'COMPLETE_ASSESSMENT', data: { profilo: 'complesso' } },
      ],
      daysAgo: 8,
    },
    { steps: 9, daysAgo: 40 },
    { steps: 11, daysAgo: 4 },
    { steps: 12, daysAgo: 20 },
    { steps: 14, daysAgo: 30 },
    { steps: 2, detour: [{ type: 'REJECT', data: { reason: 'gia_in_carico' } }], daysAgo: 50, personOf: 9 },
    // One person, many percorsi: a new referral after a closed percorso (linked to it), and a person in
    // care whom the Ser.D refers too; the coordinator sees both at triage.
    { steps: 2, daysAgo: 2, personOf: 11 },
    { steps: 2, daysAgo: 1, personOf: 6, referrer: 'serd' },
  ],
  deadlineOverrides: {},
  resources: [
    {
      kind: 'programma',
      name: 'GOL — percorso 4 (lavoro e inclusione)',
      description: 'Orientamento, formazione e accompagnamento al lavoro con i servizi sociali (PNRR M5C1).',
      owner: 'cpi',
      places: 40,
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
      contact: 'Centro per l’Impiego di Pescia, sportello GOL, 0572 000001',
    },
    {
      kind: 'puc',
      name: 'PUC Cura del verde pubblico — Pescia',
      description: 'Progetto utile alla collettività per beneficiari ADI: manutenzione di parchi e giardini.',
      owner: 'comune',
      places: 8,
      validFrom: '2026-03-01',
      validTo: '2027-02-28',
      contact: 'Ufficio PUC, Comune di Pescia, 0572 000002',
    },
    {
      kind: 'azienda',
      name: 'Vivai Valdinievole (tirocini)',
      description: 'Azienda florovivaistica disponibile a tirocini di inclusione e inserimenti stagionali.',
      owner: 'ets',
      places: 3,
      validFrom: '2026-01-01',
      validTo: null,
      contact: 'Referente inserimenti, Cooperativa Il Ponte, 0572 000003',
    },
  ],
};

const PIANA_DI_LUCCA: DemoTerritory = {
  ambito: 'piana_di_lucca',
  organisations: [
    { key: 'capannori', name: 'Comune di Capannori — Servizi sociali (capofila)', type: 'comune' },
    { key: 'lucca', name: 'Comune di Lucca — Servizi sociali', type: 'comune' },
    { key: 'altopascio', name: 'Comune di Altopascio — Servizi sociali', type: 'comune' },
    { key: 'porcari', name: 'Comune di Porcari — Servizi sociali', type: 'comune' },
    { key: 'montecarlo', name: 'Comune di Montecarlo — Servizi sociali', type: 'comune' },
    { key: 'pescaglia', name: 'Comune di Pescaglia — Servizi sociali', type: 'comune' },
    { key: 'villa_basilica', name: 'Comune di Villa Basilica — Servizi sociali', type: 'comune' },
    // The protocol's access point: the desks of the Reticulate project, led by Capannori for the ambito.
    { key: 'sportello', name: 'Sportello One Stop Shop Piana di Lucca', type: 'comune' },
    { key: 'cpi', name: 'Centro per l’Impiego di Lucca (ARTI)', type: 'cpi' },
    { key: 'serd', name: 'Ser.D Piana di Lucca (Azienda USL Toscana Nord-Ovest)', type: 'serd' },
    {
      key: 'sm',
      name: 'Salute Mentale Adulti Piana di Lucca (Azienda USL Toscana Nord-Ovest)',
      type: 'salute_mentale',
    },
    { key: 'ets', name: 'Associazione Ponti Aperti (ETS)', type: 'ets' },
  ],
  users: [
    {
      email: 'coordinatore.lucca@percorsi.demo',
      fullName: 'Anna Lenzi',
      role: 'coordinatore',
      organisation: 'capannori',
    },
    {
      email: 'operatore.lucca@percorsi.demo',
      fullName: 'Silvia Pardini',
      role: 'operatore',
      organisation: 'capannori',
    },
    {
      email: 'comune.lucca@percorsi.demo',
      fullName: 'Marco Giusti',
      role: 'operatore',
      organisation: 'lucca',
    },
    {
      email: 'sportello.lucca@percorsi.demo',
      fullName: 'Chiara Martinelli',
      role: 'operatore',
      organisation: 'sportello',
    },
    {
      email: 'cpi.lucca@percorsi.demo',
      fullName: 'Paolo Bertolucci',
      role: 'operatore',
      organisation: 'cpi',
    },
    {
      email: 'serd.lucca@percorsi.demo',
      fullName: 'Giorgia Del Carlo',
      role: 'operatore',
      organisation: 'serd',
    },
    {
      email: 'salutementale.lucca@percorsi.demo',
      fullName: 'Stefano Puccinelli',
      role: 'operatore',
      organisation: 'sm',
    },
    {
      email: 'inviante.lucca@percorsi.demo',
      fullName: 'Elena Baroni',
      role: 'inviante',
      organisation: 'ets',
    },
    {
      email: 'admin.lucca@percorsi.demo',
      fullName: 'Roberto Favilla',
      role: 'amministratore',
      organisation: 'capannori',
    },
    { email: 'dpo.lucca@percorsi.demo', fullName: 'Federica Guidi', role: 'dpo', organisation: 'capannori' },
  ],
  parts: {
    social: 'capannori',
    labour: 'cpi',
    health: 'serd',
    referrer: 'sportello',
    coordinator: 'coordinatore.lucca@percorsi.demo',
    responsabile: 'operatore.lucca@percorsi.demo',
    assessors: ['operatore.lucca@percorsi.demo', 'cpi.lucca@percorsi.demo'],
  },
  municipality: { name: 'Capannori', belfiore: 'B648' },
  referringService: 'Sportello One Stop Shop, Capannori',
  people: [
    ['Giuseppe', 'Lucchesi'],
    ['Fatima', 'Ouali', 'F'],
    ['Sara', 'Bianchini', 'F'],
    ['Mihai', 'Ionescu'],
    ['Lorenzo', 'Pieri'],
    ['Grace', 'Okafor', 'F'],
  ],
  cases: [
    { steps: 0, daysAgo: 2 },
    // Waiting for triage for 9 days: late under the Piana's 7 days, on time under the chart's 10.
    { steps: 2, daysAgo: 9 },
    { steps: 4, daysAgo: 6 },
    { steps: 8, daysAgo: 2, meetingInDays: 6 },
    { steps: 9, daysAgo: 10 },
    { steps: 12, daysAgo: 15 },
  ],
  // The protocol fixes no day counts. The demo gives the Piana a rule of its own, so that the two ambiti
  // visibly run different rules: referrals come through the one-stop-shop desks already checked, so triage
  // is due within 7 days (reminders 2 and 1 days before), and the first-level equipe meets within 15.
  deadlineOverrides: {
    triage: { afterDays: 7, reminderDays: [2, 1] },
    equipe_primo_livello: { afterDays: 15 },
  },
  // The one-stop shop meets the person first (colloquio di accoglienza): version 2 of the chart.
  chartVersion: 2,
  resources: [
    {
      kind: 'azienda',
      name: 'Cartiera della Piana (tirocini e inserimenti)',
      description: 'Azienda del distretto cartario di Capannori aperta a tirocini di inclusione.',
      owner: 'cpi',
      places: 4,
      validFrom: '2026-01-01',
      validTo: null,
      contact: 'Servizio incontro domanda-offerta, CPI Lucca, 0583 000001',
    },
    {
      kind: 'programma',
      name: 'GOL — percorso 4 (lavoro e inclusione), Piana di Lucca',
      description: 'Percorso integrato CPI e servizi sociali dei sette Comuni (PNRR M5C1).',
      owner: 'cpi',
      places: 60,
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
      contact: 'Centro per l’Impiego di Lucca, sportello GOL, 0583 000002',
    },
    {
      kind: 'puc',
      name: 'PUC Biblioteche e spazi civici — Capannori',
      description: 'Progetto utile alla collettività: apertura e cura degli spazi civici comunali.',
      owner: 'capannori',
      places: 6,
      validFrom: '2026-02-01',
      validTo: '2027-01-31',
      contact: 'Ufficio PUC, Comune di Capannori, 0583 000003',
    },
    {
      kind: 'incentivo',
      name: 'Incentivo regionale all’assunzione di persone vulnerabili',
      description: 'Contributo ai datori di lavoro che assumono persone in carico ai servizi.',
      owner: 'cpi',
      places: null,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      contact: 'ARTI Lucca, ufficio incentivi, 0583 000004',
    },
  ],
};

export const DEMO_TERRITORIES: readonly DemoTerritory[] = [VALDINIEVOLE, PIANA_DI_LUCCA];
