// "Le mie attività" over HTTP on engine-driven cases: each kind of work reaches the person it waits on, at
// the moment the chart gives (deadlinesOf, the meeting's date), soonest first, and nobody else's.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deadlinesOf, restoreCase, type PersistedCase } from '../../workflows/case/index.js';
import type { ApiClient } from '../support/api.js';
import {
  DAY,
  plus,
  supervisionTerritory,
  type SupervisionTerritory,
} from '../supervision/supervision-territory.js';

const START = new Date('2025-06-01T08:00:00.000Z');
/** Steps of the common path that leave a case in each state. */
const AT = { inviata: 2, valutazione: 4, convocata: 8, firma: 11, monitoraggio: 12, esito: 14 };

let territory: SupervisionTerritory;
const caseIds: Record<string, string> = {};
let as: Record<'coordinatore' | 'operatore' | 'cpi' | 'inviante', ApiClient>;

beforeAll(async () => {
  territory = await supervisionTerritory();
  for (const [name, steps] of Object.entries(AT)) {
    caseIds[name] = await territory.drive(
      'valdinievole',
      'ets',
      START,
      territory
        .happySteps('valdinievole', steps)
        .map((step, index) => ({ ...step, at: plus(START, index * DAY) })),
    );
  }
  // Another ambito's case in valutazione: its people are not these.
  caseIds.other = await territory.drive(
    'piana_di_lucca',
    'ets',
    START,
    territory.happySteps('piana_di_lucca', 4).map((step) => ({ ...step, at: START })),
  );
  as = {
    coordinatore: await territory.as('valdinievole', 'coordinatore'),
    operatore: await territory.as('valdinievole', 'operatore'),
    cpi: await territory.as('valdinievole', 'cpi'),
    inviante: await territory.as('valdinievole', 'inviante'),
  };
}, 120_000);

afterAll(() => territory.close());

async function snapshotOf(id: string) {
  const [row] = await territory.dataSource.query('SELECT snapshot FROM cases WHERE id = $1', [id]);
  return restoreCase(row.snapshot as PersistedCase);
}

const summary = (items: { kind: string; caseId: string; at: string }[]) =>
  items.map(({ kind, caseId, at }) => ({ kind, caseId, at }));

type Who = 'coordinatore' | 'operatore' | 'cpi' | 'inviante';

/** What should wait on this user, read from each case's snapshot with the chart; independent of the SQL. */
async function expectedFor(who: Who, until: Date) {
  const { users, organisations } = territory.ambiti.valdinievole;
  const userId = users[who].id;
  const organisationId = {
    coordinatore: organisations.sds.id,
    operatore: organisations.sds.id,
    cpi: organisations.cpi.id,
    inviante: organisations.ets.id,
  }[who];
  const expected: { kind: string; caseId: string; at: string }[] = [];
  for (const caseId of Object.values(caseIds)) {
    const [row] = await territory.dataSource.query('SELECT ambito, state FROM cases WHERE id = $1', [caseId]);
    if (row.ambito !== 'valdinievole' || row.state === 'esito') continue;
    const snapshot = await snapshotOf(caseId);
    const { context } = snapshot;
    const due = deadlinesOf(snapshot).sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1))[0];
    const mine =
      context.responsabile?.userId === userId ||
      (row.state.startsWith('valutazione') &&
        context.assessors.some((assessor) => assessor.userId === userId));
    if (mine && due) {
      const kind =
        row.state === 'pais.da_sottoscrivere'
          ? 'firma'
          : due.key === 'verifica_periodica'
            ? 'verifica'
            : 'scadenza';
      expected.push({ kind, caseId, at: due.dueAt });
    }
    const meeting = context.meetings.at(-1);
    if (
      row.state.endsWith('.convocata') &&
      meeting &&
      !meeting.held &&
      meeting.participants.some((participant) => participant.organisationId === organisationId)
    ) {
      expected.push({ kind: 'riunione', caseId, at: new Date(meeting.date).toISOString() });
    }
    if (who === 'coordinatore' && row.state === 'segnalazione.inviata' && due) {
      expected.push({ kind: 'triage', caseId, at: due.dueAt });
    }
  }
  const order = (item: { kind: string; caseId: string; at: string }) =>
    `${item.at} ${item.caseId} ${item.kind}`;
  return expected.filter((item) => new Date(item.at) < until).sort((a, b) => (order(a) < order(b) ? -1 : 1));
}

describe('Le mie attività', () => {
  it('lists for each user the work waiting on them, soonest first, at the chart’s moments', async () => {
    territory.clock.set(plus(START, 12 * DAY));
    const until = plus(territory.clock.now(), 90 * DAY);
    const kinds = new Set<string>();
    for (const who of ['coordinatore', 'operatore', 'cpi', 'inviante'] as const) {
      const body = (await as[who].get('/api/activities?days=90')).body;
      const expected = await expectedFor(who, until);
      expect({ who, items: summary(body.items) }).toEqual({ who, items: expected });
      for (const item of expected) kinds.add(item.kind);
    }
    // Every kind of work occurs above: the comparison is not vacuous.
    expect([...kinds].sort()).toEqual(['firma', 'riunione', 'scadenza', 'triage', 'verifica']);
    expect((await as.inviante.get('/api/activities')).body.items).toEqual([]);
  });

  it('flags what is overdue and leaves out what is due after the horizon', async () => {
    territory.clock.set(plus(START, 12 * DAY));
    const soon = (await as.operatore.get('/api/activities?days=1')).body.items;
    const now = territory.clock.now().getTime();
    expect(soon.length).toBeGreaterThan(0);
    for (const item of soon) {
      expect(new Date(item.at).getTime()).toBeLessThan(now + DAY);
      expect(item.overdue).toBe(new Date(item.at).getTime() < now);
    }
    expect(soon.some((item: { overdue: boolean }) => item.overdue)).toBe(true);
    const all = (await as.operatore.get('/api/activities?days=90')).body.items;
    expect(all.length).toBeGreaterThan(soon.length);
    // Each item names its case, person and state, for the link.
    expect(all[0]).toMatchObject({
      caseId: expect.any(String),
      person: { firstName: expect.any(String), lastName: expect.any(String) },
      stateLabel: expect.any(String),
    });
  });

  it('follows a meeting moved to another day, and drops it once held', async () => {
    territory.clock.set(plus(START, 12 * DAY));
    const until = plus(territory.clock.now(), 90 * DAY);
    const id = caseIds.convocata;
    const steps = territory.happySteps('valdinievole', AT.convocata + 1);
    const [convene, held] = [steps[AT.convocata - 1], steps[AT.convocata]];
    expect([convene.type, held.type]).toEqual(['SCHEDULE_MEETING', 'RECORD_MEETING']);
    const send = async (event: { type: string; data: unknown }) => {
      const { version } = (await as.coordinatore.get(`/api/cases/${id}`)).body;
      const response = await as.coordinatore.post(`/api/cases/${id}/events`, {
        ...event,
        expectedVersion: version,
      });
      expect(response.status).toBe(200);
    };
    const meetingOf = async () =>
      summary((await as.operatore.get('/api/activities?days=90')).body.items).filter(
        (item) => item.caseId === id && item.kind === 'riunione',
      );
    const movedTo = plus(territory.clock.now(), 5 * DAY).toISOString();
    await send({ type: convene.type, data: { ...(convene.data as object), date: movedTo } });
    expect(await meetingOf()).toEqual([{ kind: 'riunione', caseId: id, at: movedTo }]);
    expect(summary((await as.operatore.get('/api/activities?days=90')).body.items)).toEqual(
      await expectedFor('operatore', until),
    );
    await send(held);
    expect(await meetingOf()).toEqual([]);
  });

  it('names a bad horizon (422)', async () => {
    const response = await as.operatore.get('/api/activities?days=0');
    expect(response.status).toBe(422);
    expect(response.body.fields.map((field: { field: string }) => field.field)).toEqual(['days']);
  });
});
