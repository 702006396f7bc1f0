// A valid example payload for every event, built around the organisations of a territory. The demo
// seed, the OpenAPI examples and the tests all take them from here, so they cannot drift apart.
import type { CaseEventData, CaseEventType, OrganisationRef, PersonRef } from './events.js';
import { codiceFiscaleOf } from './codice-fiscale.js';
import type { ReferralInput } from './referral.js';

export interface ExampleTerritory {
  social: OrganisationRef;
  labour: OrganisationRef;
  health: OrganisationRef;
  responsabile: PersonRef;
  assessors: PersonRef[];
}

export type ExamplePayloads = { [T in CaseEventType]: CaseEventData<T> };

/** Mario Rossi unless overridden; the codice fiscale agrees with the person's data unless given. */
export function exampleReferral(overrides: Partial<ReferralInput['person']> = {}): ReferralInput {
  const person = {
    firstName: 'Mario',
    lastName: 'Rossi',
    birthDate: '1985-12-10',
    municipality: 'Pescia',
    phone: '+39 0572 000000',
    ...overrides,
  };
  return {
    person: {
      codiceFiscale: codiceFiscaleOf(person.lastName, person.firstName, person.birthDate, person.sex, 'A562'),
      ...person,
    },
    referral: {
      referringService: 'Servizio sociale professionale, SdS Valdinievole',
      reason: 'Disoccupato da due anni, nucleo con minori, difficoltà abitative.',
      needs: ['lavoro', 'casa'],
      urgency: 'ordinaria',
    },
  };
}

export function examplePayloads(territory: ExampleTerritory, today: string): ExamplePayloads {
  const { social, labour, health, responsabile } = territory;
  const meetingDate = `${today}T09:30:00.000Z`;
  return {
    UPDATE_REFERRAL: { urgency: 'alta' },
    RECORD_CONSENT: {
      given: true,
      informedOn: today,
      authorisedOrganisations: [social.organisationId, labour.organisationId, health.organisationId],
    },
    SUBMIT: {},
    REQUEST_INTEGRATION: { note: 'Manca la situazione abitativa attuale.' },
    RESUBMIT: { note: 'Aggiunta la situazione abitativa.' },
    ACCEPT: {},
    REJECT: { reason: 'duplicata', note: 'Già segnalato dal Comune.' },
    RECORD_WELCOME_INTERVIEW: {
      heldOn: today,
      summary: 'Primo colloquio allo sportello unico: la persona cerca lavoro e casa.',
    },
    ASSIGN_ASSESSORS: { assessors: territory.assessors },
    RECORD_DOMAIN_ASSESSMENT: { domain: 'lavoro', needLevel: 'alto', summary: 'Nessuna esperienza recente.' },
    COMPLETE_ASSESSMENT: { profilo: 'socio_lavorativo', summary: 'Bisogni sociali e lavorativi.' },
    SCHEDULE_MEETING: {
      date: meetingDate,
      place: 'Sede SdS, Pescia',
      participants: [social, labour, health],
    },
    DESIGNATE_RESPONSABILE: { responsabile },
    RECORD_MEETING: {
      decision: 'pais',
      heldOn: today,
      attendees: [social, labour],
      minutes: 'Si concorda un percorso di tirocinio e un sostegno abitativo.',
      responsabile,
    },
    ESCALATE: { reason: 'decisione', note: 'Emergono bisogni sanitari.' },
    UPDATE_PLAN: {
      goals: [{ id: 'g1', description: 'Inserimento lavorativo' }],
      actions: [
        {
          id: 'a1',
          goalId: 'g1',
          description: 'Tirocinio di sei mesi',
          responsibleOrganisation: labour,
          startDate: today,
          endDate: today,
          resources: ['GOL percorso 4'],
          resourceIds: [],
        },
      ],
      commitments: ['Partecipare ai colloqui al Centro per l’Impiego'],
      endDate: today,
    },
    SUBMIT_FOR_SIGNATURE: {},
    SIGN: { signedOn: today },
    REFUSE: { note: 'La persona non condivide il progetto.' },
    RECORD_MONITORING: {
      checkedOn: today,
      andamento: 'regolare',
      actions: [{ actionId: 'a1', status: 'in_corso' }],
    },
    REVISE_PLAN: { reason: 'Il tirocinio è terminato in anticipo.' },
    SUSPEND: { reason: 'Ricovero ospedaliero', from: today },
    RESUME: {},
    CLOSE: { outcome: { primary: 'occupazione', secondary: [], contractType: 'tempo_determinato' } },
  };
}

/** The events that take a new referral along the most common path, from bozza to an employment outcome. */
export function happyPath(payloads: ExamplePayloads): { type: CaseEventType; data: unknown }[] {
  const step = <T extends CaseEventType>(type: T, data: Partial<CaseEventData<T>> = {}) => ({
    type,
    data: { ...payloads[type], ...data },
  });
  return [
    step('RECORD_CONSENT'),
    step('SUBMIT'),
    step('ACCEPT'),
    step('ASSIGN_ASSESSORS'),
    step('RECORD_DOMAIN_ASSESSMENT', { domain: 'lavoro' }),
    step('RECORD_DOMAIN_ASSESSMENT', { domain: 'casa', summary: 'Sfratto esecutivo in corso.' }),
    step('COMPLETE_ASSESSMENT'),
    step('SCHEDULE_MEETING'),
    step('RECORD_MEETING'),
    step('UPDATE_PLAN'),
    step('SUBMIT_FOR_SIGNATURE'),
    step('SIGN'),
    step('RECORD_MONITORING'),
    step('CLOSE'),
  ];
}
