// The dashboard counts the people in care and the households (nuclei familiari) they make up: people
// linked by current household links, however indirectly, are one household; a link that has ended, or a
// person whose percorsi are all closed, no longer counts. Checked against a union-find over the same rows.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemClock } from '../../libs/common/index.js';
import { exampleReferral } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { ownDemoDatabase } from '../support/own-demo-database.js';

let database: Awaited<ReturnType<typeof ownDemoDatabase>>;
let api: TestApi;
let coordinator: ApiClient;

beforeAll(async () => {
  // Its own database: the counts compare the whole ambito, which other files change while they run.
  database = await ownDemoDatabase();
  api = await startApi(systemClock, { DATABASE_URL: database.url });
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
});

afterAll(async () => {
  await api.close();
  await database.drop();
});

const inCare = async () => (await coordinator.get('/api/supervision/dashboard')).body.inCare;

async function referred(firstName: string, birthDate: string): Promise<{ caseId: string; personId: string }> {
  const caseId = (
    await coordinator.post('/api/cases', exampleReferral({ firstName, lastName: 'Famiglia', birthDate }))
  ).body.id;
  const [{ person_id: personId }] = await api.dataSource.query('SELECT person_id FROM cases WHERE id = $1', [
    caseId,
  ]);
  return { caseId, personId };
}

/** The households of the people in care, computed apart from the dashboard's SQL. */
async function expectedInCare(): Promise<{ persons: number; households: number }> {
  const people: { id: string }[] = await api.dataSource.query(
    "SELECT DISTINCT person_id AS id FROM cases WHERE ambito = 'valdinievole' AND phase <> 'esito'",
  );
  const links: { a: string; b: string }[] = await api.dataSource.query(
    `SELECT person_id AS a, member_id AS b FROM household_links
     WHERE ambito = 'valdinievole' AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)`,
  );
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    const up = parent.get(id) ?? id;
    return up === id ? id : root(up);
  };
  for (const { a, b } of links) parent.set(root(a), root(b));
  return { persons: people.length, households: new Set(people.map(({ id }) => root(id))).size };
}

const link = (from: string, to: string, relationship: string, dates: { from: string; to?: string }) =>
  coordinator.post(`/api/persons/${from}/household`, { memberId: to, relationship, ...dates });

describe('people and households in care', () => {
  it('counts a household once however its members are linked, and stops counting ended links', async () => {
    const before = await inCare();
    expect(before).toEqual(await expectedInCare());
    const mother = await referred('Anna', '1970-03-03');
    const son = await referred('Bruno', '1995-04-04');
    const grandson = await referred('Carlo', '2015-05-05');
    const lodger = await referred('Dario', '1980-06-06');
    // Mother–son and son–grandson: one household of three, linked only through the son.
    expect((await link(mother.personId, son.personId, 'figlio', { from: '1995-04-04' })).status).toBe(200);
    expect((await link(grandson.personId, son.personId, 'genitore', { from: '2015-05-05' })).status).toBe(
      200,
    );
    // A link that ended last year joins nobody today.
    expect(
      (await link(lodger.personId, mother.personId, 'convivente', { from: '2020-01-01', to: '2025-01-01' }))
        .status,
    ).toBe(200);

    const after = await inCare();
    expect(after).toEqual(await expectedInCare());
    expect(after).toEqual({ persons: before.persons + 4, households: before.households + 2 });
  });
});
