// The demo territory (Valdinievole) with one user per role and a dozen cases spread over the phases.
// Cases are driven through the engine, so their history is what real use would have written.
import type { DataSource } from 'typeorm';
import {
  codiceFiscaleCheckCharacter,
  exampleReferral,
  examplePayloads,
  happyPath,
  type CaseEventType,
  type OrganisationType,
  type Role,
} from '../../workflows/case/index.js';
import { hashPassword } from '../access/passwords.js';
import type { Clock } from '../common/index.js';
import { ReferenceCheck } from '../directory/reference-check.js';
import { CaseEngine } from '../engine/case-engine.service.js';
import type { CaseRepository } from '../persistence/case.repository.js';
import { OrganisationEntity, UserEntity } from '../persistence/entities/index.js';

export const DEMO_AMBITO = 'valdinievole';
export const DEMO_PASSWORD = 'percorsi-demo';

const ORGANISATIONS: { key: string; name: string; type: OrganisationType }[] = [
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
];

export const DEMO_USERS: { email: string; fullName: string; role: Role; organisation: string }[] = [
  { email: 'coordinatore@percorsi.demo', fullName: 'Laura Neri', role: 'coordinatore', organisation: 'sds' },
  { email: 'operatore@percorsi.demo', fullName: 'Giulia Bianchi', role: 'operatore', organisation: 'sds' },
  { email: 'cpi@percorsi.demo', fullName: 'Carlo Verdi', role: 'operatore', organisation: 'cpi' },
  { email: 'serd@percorsi.demo', fullName: 'Paola Gialli', role: 'operatore', organisation: 'serd' },
  { email: 'inviante@percorsi.demo', fullName: 'Marco Blu', role: 'inviante', organisation: 'ets' },
  { email: 'salutementale@percorsi.demo', fullName: 'Elisa Marrone', role: 'operatore', organisation: 'sm' },
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
];

const PEOPLE = [
  ['Mario', 'Rossi'],
  ['Aisha', 'Diallo'],
  ['Giovanni', 'Esposito'],
  ['Elena', 'Ricci'],
  ['Ahmed', 'Benali'],
  ['Francesca', 'Romano'],
  ['Luca', 'Colombo'],
  ['Ioana', 'Popescu'],
  ['Simone', 'Bruno'],
  ['Chiara', 'Gallo'],
  ['Davide', 'Conti'],
  ['Marta', 'Fontana'],
  ['Roberto', 'Greco'],
] as const;

function consonantsThenVowels(name: string): string {
  const letters = name.toUpperCase().replace(/[^A-Z]/g, '');
  const consonants = letters.replace(/[AEIOU]/g, '');
  return (consonants + letters.replace(/[^AEIOU]/g, '') + 'XXX').slice(0, 3);
}

/** A syntactically valid codice fiscale for a demo person (born in Pescia, G491). */
function demoCodiceFiscale(firstName: string, lastName: string, index: number): string {
  const day = String(10 + index).padStart(2, '0');
  const first15 = `${consonantsThenVowels(lastName)}${consonantsThenVowels(firstName)}80A${day}G491`;
  return first15 + codiceFiscaleCheckCharacter(first15);
}

const DAY_MS = 86_400_000;

/**
 * How far along the common path each demo case goes, plus the detours the process allows, and when: the
 * last event `daysAgo`, the earlier ones two days apart before it. A few cases are left past a deadline
 * (a referral waiting for triage, an assessment, a PaIS waiting to be written), so the coordinator's
 * stuck list has something to show; their expiries fire when the worker first starts, as they would have.
 * `meetingInDays`: the meeting the case's events schedule, counted from today (default: the day it is held).
 */
const DEMO_CASES: {
  steps: number;
  detour?: { type: CaseEventType; data?: object }[];
  daysAgo: number;
  meetingInDays?: number;
}[] = [
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
  { steps: 2, detour: [{ type: 'REJECT', data: { reason: 'gia_in_carico' } }], daysAgo: 50 },
];

/** The seed's own clock, set to each moment of a demo case's past before the engine writes it. */
class DemoTimeline implements Clock {
  private at = new Date(0);

  set(at: Date): void {
    this.at = at;
  }

  now(): Date {
    return new Date(this.at);
  }
}

const dateOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Loads the demo territory once (false when the database already has organisations). `spreadOverPast`:
 * the cases' events happen over the last weeks, as above; false writes them all now, for tests that want
 * no deadline of the demo to have passed.
 */
export async function seedDemo(
  dataSource: DataSource,
  repository: CaseRepository,
  clock: Clock,
  { spreadOverPast = true } = {},
): Promise<boolean> {
  const organisations = dataSource.getRepository(OrganisationEntity);
  if ((await organisations.count()) > 0) return false;

  const saved = new Map<string, OrganisationEntity>();
  for (const organisation of ORGANISATIONS) {
    saved.set(organisation.key, await organisations.save({ ...organisation, ambito: DEMO_AMBITO }));
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = new Map<string, UserEntity>();
  for (const { organisation, ...user } of DEMO_USERS) {
    const organisationId = saved.get(organisation)!.id;
    users.set(
      user.email,
      await dataSource.getRepository(UserEntity).save({ ...user, organisationId, passwordHash }),
    );
  }

  const ref = (key: string) => {
    const organisation = saved.get(key)!;
    return { organisationId: organisation.id, organisationType: organisation.type, name: organisation.name };
  };
  const person = (email: string) => {
    const user = users.get(email)!;
    const organisation = [...saved.values()].find((candidate) => candidate.id === user.organisationId)!;
    return {
      userId: user.id,
      name: user.fullName,
      organisationId: organisation.id,
      organisationType: organisation.type,
    };
  };
  const territory = {
    social: ref('sds'),
    labour: ref('cpi'),
    health: ref('serd'),
    responsabile: person('operatore@percorsi.demo'),
    assessors: [person('operatore@percorsi.demo'), person('cpi@percorsi.demo')],
  };
  const coordinator = users.get('coordinatore@percorsi.demo')!;
  const actor = {
    userId: coordinator.id,
    role: coordinator.role,
    organisationId: coordinator.organisationId,
    organisationType: 'sds' as const,
    ambito: DEMO_AMBITO,
  };

  const timeline = new DemoTimeline();
  const engine = new CaseEngine(
    repository,
    spreadOverPast ? timeline : clock,
    new ReferenceCheck(dataSource),
  );
  const now = clock.now();
  for (const [index, demo] of DEMO_CASES.entries()) {
    const [firstName, lastName] = PEOPLE[index];
    const lastEventAt = new Date(now.getTime() - demo.daysAgo * DAY_MS);
    const count = demo.steps + (demo.detour?.length ?? 0);
    const momentOf = (eventIndex: number) =>
      spreadOverPast ? new Date(lastEventAt.getTime() - (count - 1 - eventIndex) * 2 * DAY_MS) : now;
    // Each event's dates are its own day's; a meeting is set for the day it is held (the next event's).
    const meetingDay = (eventIndex: number) =>
      demo.meetingInDays === undefined || !spreadOverPast
        ? momentOf(eventIndex + 1)
        : new Date(now.getTime() + demo.meetingInDays * DAY_MS);
    const stepOn = (day: Date, eventIndex: number) =>
      happyPath(examplePayloads(territory, dateOf(day)))[eventIndex];
    const events = [
      ...Array.from({ length: demo.steps }, (_, eventIndex) => {
        const step = stepOn(momentOf(eventIndex), eventIndex);
        return step.type === 'SCHEDULE_MEETING' ? stepOn(meetingDay(eventIndex), eventIndex) : step;
      }),
      ...(demo.detour ?? []),
    ];
    timeline.set(momentOf(-1));
    const caseId = await engine.createCase(
      exampleReferral({
        firstName,
        lastName,
        codiceFiscale: demoCodiceFiscale(firstName, lastName, index),
      }),
      { ambito: DEMO_AMBITO, referringOrganisationId: saved.get('ets')!.id },
      actor,
    );
    for (const [eventIndex, event] of events.entries()) {
      timeline.set(momentOf(eventIndex));
      await engine.applyEvent(caseId, { ...event, expectedVersion: eventIndex + 1 }, actor);
    }
  }
  return true;
}
