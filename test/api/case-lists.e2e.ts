// GET /api/cases against direct SQL: a few hundred cases driven through the engine (so every column the
// list reads is written by the real transition statement), then every order, filter and search paged
// through with the cursor and compared with what the rows themselves say, read straight from the tables
// and judged by the chart (deadlinesOf) and the access rule (visibilityOf).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { visibilityOf, type Viewer } from '../../libs/access/index.js';
import { CASE_SEARCH_TOTAL_CAP } from '../../libs/persistence/index.js';
import { recomputeLateness } from '../../libs/supervision/index.js';
import {
  codiceFiscaleOf,
  deadlinesOf,
  memberOrganisationsOf,
  restoreCase,
  type DeadlineOverrides,
  type PersistedCase,
} from '../../workflows/case/index.js';
import type { ApiClient } from '../support/api.js';
import {
  DAY,
  plus,
  supervisionTerritory,
  type SupervisionTerritory,
} from '../supervision/supervision-territory.js';

const BASE = new Date('2025-06-01T08:00:00.000Z');
const NOW = plus(BASE, 40 * DAY);
const CASES = 240;
/** Four cases share each moment and path: ties on last activity, next deadline and state. */
const GROUP = 4;
const PEOPLE = [
  ['Öztürk', 'Mehmet'],
  ['Popescu', 'Ștefan'],
  ['Rossi', 'Mario'],
  ['Nguyễn', 'Lan'],
  ['Müller', 'Anna'],
  ['Çelik', 'Ayşe'],
  ['Bianchi', 'Giulia'],
  ['Esposito', 'Stefano'],
] as const;

/** What unaccent and lower do to these names, written independently of the database. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

let territory: SupervisionTerritory;
let clients: Record<'coordinatore' | 'operatore' | 'cpi' | 'inviante', ApiClient>;
let viewers: Record<keyof typeof clients, Viewer>;

interface Row {
  id: string;
  ambito: string;
  phase: string;
  state: string;
  referringOrganisationId: string;
  updatedAt: number;
  snapshot: PersistedCase;
  lastName: string;
  firstName: string;
  codiceFiscale: string;
}

beforeAll(async () => {
  territory = await supervisionTerritory();
  const ambito = territory.ambiti.valdinievole;
  for (let i = 0; i < CASES; i++) {
    const group = Math.floor(i / GROUP);
    // Halfway, the ambito shortens the assessment: the cases already written are recomputed as a rule
    // change does, the later ones by the projector with each transition.
    if (i === CASES / 2) {
      await territory.dataSource.query(
        `INSERT INTO deadline_overrides (ambito, deadline_key, after_days) VALUES ('valdinievole', 'valutazione', 20)`,
      );
      await recomputeLateness(territory.dataSource, { ambito: 'valdinievole', deadlineKey: 'valutazione' });
    }
    const createdAt = plus(BASE, group * 6 * 3_600_000);
    // Every 20th case is a second percorso of the previous case's person: a tie on the person order.
    const birthDate = new Date(Date.UTC(1970, 0, 1 + i - (i % 20 === 1 ? 1 : 0))).toISOString().slice(0, 10);
    const person = i % 20 === 1 ? PEOPLE[(i - 1) % PEOPLE.length] : PEOPLE[i % PEOPLE.length];
    await territory.drive(
      'valdinievole',
      i % 2 ? 'ets' : 'sds',
      createdAt,
      territory
        .happySteps('valdinievole', group % 15)
        .map((step, index) => ({ ...step, at: plus(createdAt, (index + 1) * DAY) })),
      {
        lastName: person[0],
        firstName: person[1],
        birthDate,
        codiceFiscale: codiceFiscaleOf(person[0], person[1], birthDate),
      },
    );
  }
  // Another ambito's cases, which nobody above may see.
  for (let i = 0; i < 10; i++) {
    const steps = territory.happySteps('piana_di_lucca', i).map((step) => ({ ...step, at: BASE }));
    await territory.drive('piana_di_lucca', 'ets', BASE, steps, {
      lastName: 'Öztürk',
      firstName: 'Ștefan',
      birthDate: `1980-01-1${i}`,
      codiceFiscale: codiceFiscaleOf('Öztürk', 'Ștefan', `1980-01-1${i}`),
    });
  }
  territory.clock.set(NOW);
  clients = {
    coordinatore: await territory.as('valdinievole', 'coordinatore'),
    operatore: await territory.as('valdinievole', 'operatore'),
    cpi: await territory.as('valdinievole', 'cpi'),
    inviante: await territory.as('valdinievole', 'inviante'),
  };
  const viewer = (key: keyof typeof clients, role: Viewer['role'], organisation: 'sds' | 'cpi' | 'ets') => ({
    userId: ambito.users[key].id,
    role,
    organisationId: ambito.organisations[organisation].id,
    organisationType: organisation,
    ambito: 'valdinievole',
  });
  viewers = {
    coordinatore: viewer('coordinatore', 'coordinatore', 'sds'),
    operatore: viewer('operatore', 'operatore', 'sds'),
    cpi: viewer('cpi', 'operatore', 'cpi'),
    inviante: viewer('inviante', 'inviante', 'ets'),
  };
}, 300_000);

afterAll(() => territory.close());

async function rows(): Promise<Row[]> {
  const found: Record<string, never>[] = await territory.dataSource.query(
    `SELECT c.id, c.ambito, c.phase, c.state, c.referring_organisation_id, c.updated_at, c.snapshot,
            p.last_name, p.first_name, p.codice_fiscale
     FROM cases c JOIN persons p ON p.id = c.person_id`,
  );
  return found.map((row) => ({
    id: row.id,
    ambito: row.ambito,
    phase: row.phase,
    state: row.state,
    referringOrganisationId: row.referring_organisation_id,
    updatedAt: (row.updated_at as Date).getTime(),
    snapshot: row.snapshot,
    lastName: row.last_name,
    firstName: row.first_name,
    codiceFiscale: row.codice_fiscale,
  }));
}

async function overridesOf(ambito: string): Promise<DeadlineOverrides> {
  const found: { deadline_key: string; after_days: number }[] = await territory.dataSource.query(
    'SELECT deadline_key, after_days FROM deadline_overrides WHERE ambito = $1',
    [ambito],
  );
  return Object.fromEntries(found.map((row) => [row.deadline_key, { afterDays: row.after_days }]));
}

interface Query {
  sort?: 'updatedAt' | 'deadline' | 'person';
  direction?: 'asc' | 'desc';
  phase?: string;
  state?: string;
  overdue?: 'true' | 'false';
  mine?: 'true';
  responsabileUserId?: string;
  organisationId?: string;
  text?: string;
}

/** The ids the viewer should get for the query, in order: the rows, the chart and the access rule. */
async function expectedIds(viewer: Viewer, query: Query): Promise<string[]> {
  const overrides = await overridesOf('valdinievole');
  const judged = (await rows()).flatMap((row) => {
    const snapshot = restoreCase(row.snapshot);
    const facts = { ...row, context: snapshot.context };
    if (visibilityOf(viewer, facts) === 'none') return [];
    const due =
      row.phase === 'esito'
        ? []
        : deadlinesOf(snapshot, row.ambito === 'valdinievole' ? overrides : {}).map((deadline) =>
            new Date(deadline.dueAt).getTime(),
          );
    const nextDue = due.length ? Math.min(...due) : Infinity;
    const context = snapshot.context;
    const mine =
      context.responsabile?.userId === viewer.userId ||
      (row.phase === 'valutazione' &&
        context.assessors.some((assessor) => assessor.userId === viewer.userId));
    const searched = fold(`${row.lastName} ${row.firstName} ${row.codiceFiscale}`);
    const keep =
      (!query.phase || row.phase === query.phase) &&
      (!query.state || row.state === query.state) &&
      (!query.overdue || nextDue < NOW.getTime() === (query.overdue === 'true')) &&
      (!query.mine || mine) &&
      (!query.responsabileUserId || context.responsabile?.userId === query.responsabileUserId) &&
      (!query.organisationId ||
        row.referringOrganisationId === query.organisationId ||
        memberOrganisationsOf(context).includes(query.organisationId)) &&
      (!query.text || query.text.split(/\s+/).every((word) => searched.includes(fold(word))));
    return keep ? [{ id: row.id, updatedAt: row.updatedAt, nextDue, searched }] : [];
  });
  const sort = query.sort ?? 'updatedAt';
  const direction = query.direction ?? (sort === 'updatedAt' ? 'desc' : 'asc');
  const key = (row: (typeof judged)[number]) =>
    sort === 'updatedAt' ? row.updatedAt : sort === 'deadline' ? row.nextDue : row.searched;
  const sign = direction === 'desc' ? -1 : 1;
  return judged
    .sort((a, b) => {
      const [left, right] = [key(a), key(b)];
      if (left !== right) return sign * (left < right ? -1 : 1);
      return sign * (a.id < b.id ? -1 : 1);
    })
    .map((row) => row.id);
}

function path(query: Query, pageSize: number, cursor?: string): string {
  const params = new URLSearchParams({ ...query, pageSize: String(pageSize) } as Record<string, string>);
  if (cursor) params.set('cursor', cursor);
  return `/api/cases?${params}`;
}

/** Every page, following the cursor; checks each page's total and size on the way. */
async function pageThrough(client: ApiClient, query: Query, pageSize = 17): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const response = await client.get(path(query, pageSize, cursor));
    if (response.status !== 200)
      throw new Error(`${path(query, pageSize, cursor)} → ${JSON.stringify(response.body)}`);
    items.push(...response.body.items);
    expect(response.body.totalCapped).toBe(false);
    if (!response.body.nextCursor) {
      expect(response.body.total).toBe(items.length);
      return items;
    }
    expect(response.body.items).toHaveLength(pageSize);
    cursor = response.body.nextCursor;
  }
  throw new Error('the cursor never ended');
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('the case list', () => {
  it('pages every order to the rows direct SQL gives, ties broken by id, nothing twice', async () => {
    const orders: Query[] = [
      {},
      { sort: 'updatedAt', direction: 'asc' },
      { sort: 'deadline' },
      { sort: 'person' },
      { sort: 'person', direction: 'desc' },
    ];
    for (const query of orders) {
      const listed = ids(await pageThrough(clients.coordinatore, query));
      const expected = await expectedIds(viewers.coordinatore, query);
      expect(expected.length).toBeGreaterThan(CASES - 1);
      expect(listed).toEqual(expected);
    }
  });

  it('filters by phase, state, overdue, mine, responsabile and organisation as direct SQL does', async () => {
    const { users, organisations } = territory.ambiti.valdinievole;
    const filters: Query[] = [
      { phase: 'valutazione' },
      { state: 'segnalazione.inviata', sort: 'deadline' },
      { overdue: 'true', sort: 'deadline' },
      { overdue: 'false' },
      { mine: 'true' },
      { responsabileUserId: users.operatore.id, sort: 'person' },
      { organisationId: organisations.cpi.id },
      { organisationId: organisations.ets.id, phase: 'esito' },
    ];
    for (const viewer of ['coordinatore', 'cpi'] as const) {
      for (const query of filters) {
        const expected = await expectedIds(viewers[viewer], query);
        expect(ids(await pageThrough(clients[viewer], query, 13))).toEqual(expected);
      }
    }
    // The filters are not vacuous: each of these finds some cases and leaves out others.
    // (The cpi operator is an assessor: "mine" is the cases waiting on them.)
    for (const [viewer, query] of [
      ...filters.slice(0, 4).map((query) => ['coordinatore', query] as const),
      ['cpi', filters[4]] as const,
    ]) {
      const count = (await expectedIds(viewers[viewer], query)).length;
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(CASES);
    }
  });

  it('finds people by surname, name or codice fiscale ignoring accents and case: "ozturk", "stefan"', async () => {
    const searches = ['ozturk', 'OZTÜRK', 'stefan', 'Ștefan popescu', 'nguyen lan', 'celik ayse'];
    for (const text of searches) {
      const listed = await pageThrough(clients.coordinatore, { text, sort: 'person' });
      expect(ids(listed)).toEqual(await expectedIds(viewers.coordinatore, { text, sort: 'person' }));
      expect(listed.length).toBeGreaterThan(0);
    }
    const ozturk = await pageThrough(clients.coordinatore, { text: 'ozturk' });
    expect(ozturk.every((item) => item.person.lastName === 'Öztürk')).toBe(true);
    // "stefan" is Ștefan Popescu and Stefano Esposito; the other ambito's Ștefan stays hidden.
    const stefan = await pageThrough(clients.coordinatore, { text: 'stefan' });
    expect(new Set(stefan.map((item) => item.person.firstName))).toEqual(new Set(['Ștefan', 'Stefano']));
    const code = stefan[0].person.codiceFiscale as string;
    const byCode = await pageThrough(clients.coordinatore, { text: code.slice(0, 9).toLowerCase() });
    expect(ids(byCode)).toEqual(
      await expectedIds(viewers.coordinatore, { text: code.slice(0, 9).toLowerCase() }),
    );
    expect(ids(byCode)).toContain(stefan[0].id);
    // LIKE's own wildcards are plain characters in a search.
    expect((await clients.coordinatore.get('/api/cases?text=%25%25%25')).body.total).toBe(0);
  });

  it('counts a search to 100 ("more than 100") and still pages through every match', async () => {
    // Everyone here was born in one comune: its cadastral code (characters 12–15 of the codice fiscale).
    const [first] = await pageThrough(clients.coordinatore, { text: 'ozturk' });
    const text = (first.person.codiceFiscale as string).slice(11, 15).toLowerCase();
    const expected = await expectedIds(viewers.coordinatore, { text });
    expect(expected.length).toBeGreaterThan(CASE_SEARCH_TOTAL_CAP);
    const listed: string[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await clients.coordinatore.get(path({ text }, 50, cursor));
      expect({ total: body.total, totalCapped: body.totalCapped }).toEqual({
        total: CASE_SEARCH_TOTAL_CAP,
        totalCapped: true,
      });
      listed.push(...ids(body.items));
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    expect(listed).toEqual(expected);
  });

  it('shows the next deadline and "overdue" as the server computes them, content rows only', async () => {
    const listed = await pageThrough(clients.inviante, { sort: 'deadline' });
    expect(ids(listed)).toEqual(await expectedIds(viewers.inviante, { sort: 'deadline' }));
    const status = listed.filter((item) => item.access === 'status');
    expect(status.length).toBeGreaterThan(0);
    for (const item of status) {
      expect(item.person).toEqual({ initials: expect.stringMatching(/^.\. .\.$/u) });
      expect(item).not.toHaveProperty('nextDeadline');
    }
    const overdue = await pageThrough(clients.coordinatore, { overdue: 'true', sort: 'deadline' });
    expect(overdue.length).toBeGreaterThan(0);
    for (const item of overdue) {
      expect(item.nextDeadline.overdue).toBe(true);
      expect(new Date(item.nextDeadline.dueAt).getTime()).toBeLessThan(NOW.getTime());
      // The same moment the chart gives for that deadline of the case.
      const due = item.deadlines.find((deadline: { key: string }) => deadline.key === item.nextDeadline.key);
      expect(due.dueAt).toBe(item.nextDeadline.dueAt);
    }
    // The case page shows the same value the list does (the UI computes no deadline of its own).
    for (const item of overdue.slice(0, 10)) {
      expect((await clients.coordinatore.get(`/api/cases/${item.id}`)).body.nextDeadline).toEqual(
        item.nextDeadline,
      );
    }
  });

  it('names the outcome of each closed case, as the case does, also to the referring service; none while open', async () => {
    for (const viewer of ['coordinatore', 'inviante'] as const) {
      const closed = await pageThrough(clients[viewer], { phase: 'esito' });
      expect(closed.length).toBeGreaterThan(0);
      for (const item of closed.slice(0, 5)) {
        expect(item.outcome).toEqual(expect.any(String));
        expect(item.outcome).toBe((await clients[viewer].get(`/api/cases/${item.id}`)).body.outcome);
      }
    }
    const open = await pageThrough(clients.coordinatore, { phase: 'monitoraggio' });
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((item) => item.outcome === null)).toBe(true);
  });

  it('shows the coordinator of another ambito none of these cases', async () => {
    const other = await territory.as('piana_di_lucca', 'coordinatore');
    const listed = await pageThrough(other, { text: 'ozturk' });
    expect(listed).toHaveLength(10);
    const valdinievole = new Set(
      (await rows()).filter((row) => row.ambito === 'valdinievole').map((row) => row.id),
    );
    expect(listed.some((item) => valdinievole.has(item.id))).toBe(false);
  });

  it('pages on while a case changes: nothing is listed twice and no unchanged case is lost', async () => {
    const query: Query = {};
    const before = await expectedIds(viewers.coordinatore, query);
    const first = await clients.coordinatore.get(path(query, 20));
    expect(ids(first.body.items)).toEqual(before.slice(0, 20));
    const openRows = new Set((await rows()).filter((row) => row.phase !== 'esito').map((row) => row.id));
    const seen = before.slice(0, 20).find((id) => openRows.has(id))!;
    const unseen = before.slice(40).find((id) => openRows.has(id))!;
    const consent = territory.ambiti.valdinievole.payloads.RECORD_CONSENT;
    for (const id of [seen, unseen]) await clients.coordinatore.send(id, 'RECORD_CONSENT', consent);
    const rest: any[] = [];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await clients.coordinatore.get(path(query, 20, cursor));
      rest.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    const all = [...ids(first.body.items), ...ids(rest)];
    expect(new Set(all).size).toBe(all.length);
    // The case that moved to the top after the first page was read is not met again further down.
    expect(all).toEqual(before.filter((id) => id !== unseen));
    // A fresh first page starts with the two changed cases.
    const fresh = await clients.coordinatore.get(path(query, 2));
    expect(new Set(ids(fresh.body.items))).toEqual(new Set([seen, unseen]));
  });

  it('lists a case whose snapshot cannot be restored, flagged, and the others as usual (200)', async () => {
    const [{ id, value }] = await territory.dataSource.query(
      `SELECT id, snapshot -> 'value' AS value FROM cases WHERE ambito = 'valdinievole' AND phase = 'valutazione' LIMIT 1`,
    );
    await territory.dataSource.query(
      `UPDATE cases SET snapshot = jsonb_set(snapshot, '{value}', '"limbo"') WHERE id = $1`,
      [id],
    );
    try {
      const response = await clients.coordinatore.get('/api/cases?phase=valutazione&pageSize=100');
      expect(response.status).toBe(200);
      const broken = response.body.items.filter((item: { unreadable?: boolean }) => item.unreadable);
      expect(ids(broken)).toEqual([id]);
      expect(broken[0]).toMatchObject({
        phase: 'valutazione',
        access: 'content',
        person: { lastName: expect.any(String) },
      });
      const others = response.body.items.filter((item: { id: string }) => item.id !== id);
      expect(others.length).toBeGreaterThan(0);
      expect(others.every((item: { deadlines?: unknown[] }) => Array.isArray(item.deadlines))).toBe(true);
    } finally {
      await territory.dataSource.query(
        `UPDATE cases SET snapshot = jsonb_set(snapshot, '{value}', $2::jsonb) WHERE id = $1`,
        [id, JSON.stringify(value)],
      );
    }
  });

  it('names the field of a bad list request (422)', async () => {
    const byPerson = await clients.coordinatore.get('/api/cases?sort=person&pageSize=1');
    const refusals: [string, string][] = [
      [`/api/cases?sort=updatedAt&cursor=${byPerson.body.nextCursor}`, 'cursor'],
      ['/api/cases?cursor=not-a-cursor', 'cursor'],
      ['/api/cases?sort=deadline&direction=desc', 'direction'],
      ['/api/cases?text=ab', 'text'],
      ['/api/cases?overdue=yes', 'overdue'],
      ['/api/cases?state=equipe', 'state'],
      ['/api/cases?responsabileUserId=someone', 'responsabileUserId'],
      ['/api/cases?sort=age', 'sort'],
    ];
    for (const [url, field] of refusals) {
      const response = await clients.coordinatore.get(url);
      expect({ url, status: response.status }).toEqual({ url, status: 422 });
      expect(response.body.fields.map((problem: { field: string }) => problem.field)).toEqual([field]);
    }
  });
});
