// Seeds the demo ambiti (territories.ts): organisations, users, deadline rules and cases spread over the
// phases. Cases are driven through the engine, so their history is what real use would have written.
import type { DataSource } from 'typeorm';
import { codiceFiscaleOf, exampleReferral, examplePayloads, happyPath } from '../../workflows/case/index.js';
import type { AuditEntry } from '../access/audit-log.js';
import { hashPassword } from '../access/passwords.js';
import { secondFactorRequired } from '../access/second-factor.js';
import type { Clock } from '../common/index.js';
import { ReferenceCheck } from '../directory/reference-check.js';
import { ChartVersionAdministration } from '../directory/chart-versions.js';
import { SignedFormCheck } from '../documents/signed-form-check.js';
import { CaseEngine } from '../engine/case-engine.service.js';
import type { CaseRepository } from '../persistence/case.repository.js';
import { DeadlineRulesRepository } from '../persistence/deadline-rules.repository.js';
import { SupervisionProjector } from '../supervision/supervision-projector.js';
import { OrganisationEntity, UserEntity } from '../persistence/entities/index.js';
import { NOTICE_OUTBOX_KIND } from '../persistence/outbox.js';
import { DEMO_TERRITORIES, type DemoTerritory } from './territories.js';

export const DEMO_PASSWORD = 'percorsi-demo';

/**
 * The TOTP key of the demo users whose role requires a second factor (amministratore, dpo), published in
 * the README so that anyone trying the demo can add it to an authenticator app. Never a real account's.
 */
export const DEMO_TOTP_SECRET = 'Y7D334COHS354VTNVZWFUOYKH2SHP34K';

/** Every demo user of every ambito (the API lists them when it seeds the demo). */
export const DEMO_USERS = DEMO_TERRITORIES.flatMap((territory) =>
  territory.users.map((user) => ({ ...user, ambito: territory.ambito })),
);

const DAY_MS = 86_400_000;

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
 * Loads the demo ambiti once (false when the database already has organisations). `spreadOverPast`:
 * the cases' events happen over the last weeks, as above; false writes them all now, for tests that want
 * no deadline of the demo to have passed.
 */
export async function seedDemo(
  dataSource: DataSource,
  repository: CaseRepository,
  clock: Clock,
  { spreadOverPast = true } = {},
): Promise<boolean> {
  if ((await dataSource.getRepository(OrganisationEntity).count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const territory of DEMO_TERRITORIES) {
    await seedTerritory(dataSource, repository, clock, territory, passwordHash, spreadOverPast);
  }
  // The demo's events happened weeks ago, as far as the demo goes: nobody is told of them now.
  await dataSource.query('UPDATE outbox SET sent_at = now() WHERE kind = $1 AND sent_at IS NULL', [
    NOTICE_OUTBOX_KIND,
  ]);
  await dataSource.query(
    "UPDATE outbox SET payload = payload - 'notices' WHERE sent_at IS NULL AND payload ? 'notices'",
  );
  return true;
}

async function seedTerritory(
  dataSource: DataSource,
  repository: CaseRepository,
  clock: Clock,
  territory: DemoTerritory,
  passwordHash: string,
  spreadOverPast: boolean,
): Promise<void> {
  const { ambito, parts } = territory;
  const saved = new Map<string, OrganisationEntity>();
  for (const organisation of territory.organisations) {
    saved.set(
      organisation.key,
      await dataSource.getRepository(OrganisationEntity).save({ ...organisation, ambito }),
    );
  }
  const users = new Map<string, UserEntity>();
  for (const { organisation, ...user } of territory.users) {
    const organisationId = saved.get(organisation)!.id;
    users.set(
      user.email,
      await dataSource.getRepository(UserEntity).save({
        ...user,
        organisationId,
        passwordHash,
        totpSecret: secondFactorRequired(user.role) ? DEMO_TOTP_SECRET : null,
      }),
    );
  }
  const rules = new DeadlineRulesRepository(dataSource);
  for (const [key, { afterDays, reminderDays }] of Object.entries(territory.deadlineOverrides)) {
    await rules.setOverride(ambito, key, afterDays ?? null, reminderDays ?? null);
  }

  if (territory.chartVersion !== undefined) {
    const admin = territory.users.find((user) => user.role === 'amministratore')!;
    await dataSource.query(
      `INSERT INTO ambito_chart_versions (ambito, version, previous_version, chosen_at, chosen_by)
       VALUES ($1, $2, 1, $3, $4)`,
      [ambito, territory.chartVersion, clock.now(), users.get(admin.email)!.id],
    );
  }

  const coordinatorUser = users.get(parts.coordinator)!;
  const resourceIds: string[] = [];
  for (const resource of territory.resources) {
    const [{ id }] = await dataSource.query(
      `INSERT INTO resources (ambito, kind, name, description, owner_organisation_id, places, valid_from, valid_to,
                              contact, created_at, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id`,
      [
        ambito,
        resource.kind,
        resource.name,
        resource.description,
        saved.get(resource.owner)!.id,
        resource.places,
        resource.validFrom,
        resource.validTo,
        resource.contact,
        clock.now(),
        coordinatorUser.id,
      ],
    );
    resourceIds.push(id);
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
  const example = {
    social: ref(parts.social),
    labour: ref(parts.labour),
    health: ref(parts.health),
    responsabile: person(parts.responsabile),
    assessors: parts.assessors.map(person),
  };
  const coordinator = person(parts.coordinator);
  const actor = { ...coordinator, role: 'coordinatore' as const, ambito };

  const timeline = new DemoTimeline();
  const engine = new CaseEngine(
    repository,
    spreadOverPast ? timeline : clock,
    new ReferenceCheck(dataSource),
    new SupervisionProjector(),
    new SignedFormCheck(dataSource),
    new ChartVersionAdministration(dataSource, clock),
  );
  const now = clock.now();
  const caseIds: string[] = [];
  for (const [index, demo] of territory.cases.entries()) {
    const personIndex = demo.personOf ?? index;
    const [firstName, lastName, sex = 'M'] = territory.people[personIndex];
    const lastEventAt = new Date(now.getTime() - demo.daysAgo * DAY_MS);
    const count = demo.steps + (demo.detour?.length ?? 0);
    const momentOf = (eventIndex: number) =>
      spreadOverPast ? new Date(lastEventAt.getTime() - (count - 1 - eventIndex) * 2 * DAY_MS) : now;
    // Each event's dates are its own day's; a meeting is set for the day it is held (the next event's).
    const meetingDay = (eventIndex: number) =>
      demo.meetingInDays === undefined || !spreadOverPast
        ? momentOf(eventIndex + 1)
        : new Date(now.getTime() + demo.meetingInDays * DAY_MS);
    // The demo plans link the ambito's first resource beside the free text.
    const linked = (step: { type: string; data: unknown }) =>
      step.type !== 'UPDATE_PLAN'
        ? step
        : {
            ...step,
            data: {
              ...(step.data as object),
              actions: (step.data as { actions: object[] }).actions.map((action) => ({
                ...action,
                resourceIds: resourceIds.slice(0, 1),
              })),
            },
          };
    const stepOn = (day: Date, eventIndex: number) =>
      linked(happyPath(examplePayloads(example, dateOf(day)))[eventIndex]);
    const events = [
      ...Array.from({ length: demo.steps }, (_, eventIndex) => {
        const step = stepOn(momentOf(eventIndex), eventIndex);
        return step.type === 'SCHEDULE_MEETING' ? stepOn(meetingDay(eventIndex), eventIndex) : step;
      }),
      ...(demo.detour ?? []).map((step) =>
        step.type === 'REJECT' && demo.personOf !== undefined
          ? { ...step, data: { ...step.data, percorsoId: caseIds[demo.personOf] } }
          : step,
      ),
    ];
    timeline.set(momentOf(-1));
    const birthDate = `1980-01-${String(10 + personIndex).padStart(2, '0')}`;
    const referral = exampleReferral({
      firstName,
      lastName,
      birthDate,
      codiceFiscale: codiceFiscaleOf(lastName, firstName, birthDate, sex, territory.municipality.belfiore),
      municipality: territory.municipality.name,
    });
    referral.referral.referringService = territory.referringService;
    const caseId = await engine.createCase(
      referral,
      { ambito, referringOrganisationId: saved.get(demo.referrer ?? parts.referrer)!.id },
      actor,
    );
    caseIds.push(caseId);
    for (const [eventIndex, event] of events.entries()) {
      timeline.set(momentOf(eventIndex));
      await engine.applyEvent(caseId, { ...event, expectedVersion: eventIndex + 1 }, actor);
    }
  }
  await seedAuditLog(dataSource, territory, users, saved, caseIds, now);
}

/**
 * A few entries of the audit log, so that the DPO trying the demo finds the kinds of entry the services
 * write (reads of health data and of the history, an export) and can try the search: the demo's own cases
 * hold no health data, so these reads are examples, not replays.
 */
async function seedAuditLog(
  dataSource: DataSource,
  territory: DemoTerritory,
  users: Map<string, UserEntity>,
  organisations: Map<string, OrganisationEntity>,
  caseIds: string[],
  now: Date,
): Promise<void> {
  const furthest = territory.cases.reduce(
    (best, demo, index) => (demo.steps > territory.cases[best].steps ? index : best),
    0,
  );
  const health = organisations.get(territory.parts.health)!;
  const healthUser = [...users.values()].find((user) => user.organisationId === health.id);
  const { coordinator, responsabile } = territory.parts;
  type Example = {
    user?: UserEntity;
    caseIndex: number;
    daysAgo: number;
    action: AuditEntry['action'];
    fields: string[];
    purpose: string;
  };
  const examples: Example[] = [
    {
      user: users.get(responsabile),
      caseIndex: furthest,
      daysAgo: 6,
      action: 'lettura',
      fields: ['data.assessments.salute', 'history.5.eventData'],
      purpose: 'preparazione dell’equipe di secondo livello',
    },
    {
      user: healthUser,
      caseIndex: furthest,
      daysAgo: 4,
      action: 'lettura',
      fields: ['data.assessments.dipendenze'],
      purpose: 'verifica del PaIS',
    },
    {
      user: users.get(coordinator),
      caseIndex: 0,
      daysAgo: 3,
      action: 'lettura',
      fields: ['data.referral.needs.salute_mentale'],
      purpose: 'triage della segnalazione',
    },
    {
      user: users.get(responsabile),
      caseIndex: furthest,
      daysAgo: 1,
      action: 'esportazione',
      fields: ['fascicolo'],
      purpose: 'richiesta di accesso dell’interessato',
    },
  ];
  for (const { user, caseIndex, daysAgo, action, fields, purpose } of examples) {
    if (!user || !caseIds[caseIndex]) continue;
    // Office hours: 10:30 in Italy (09:30 UTC in winter) on that day.
    const at = new Date(now.getTime() - daysAgo * DAY_MS);
    at.setUTCHours(9, 30, 0, 0);
    await dataSource.query(
      `INSERT INTO audit_log (at, user_id, organisation_id, case_id, action, fields, purpose)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [at, user.id, user.organisationId, caseIds[caseIndex], action, fields, purpose],
    );
  }
}
