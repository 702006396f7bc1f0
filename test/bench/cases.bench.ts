// Case lists at national scale: a few hundred cases driven through the engine over HTTP (real, restorable
// snapshots and every row the projector writes), replicated with SQL to 1,000,000 cases (a quarter of them in
// the demo's Valdinievole, the rest in nine other ambiti), then the screens timed over HTTP: the coordinator's
// first page in each order, a deep page by cursor, a search by surname and by codice fiscale, the overdue
// filter, and Le mie attività of a busy operator. A figure to watch, not a test.
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, seedDemo } from '../../libs/demo/index.js';
import { CaseRepository, openDatabase } from '../../libs/persistence/index.js';
import { exampleReferral, happyPath } from '../../workflows/case/index.js';
import { startApi, type ApiClient } from '../support/api.js';
import { TestClock } from '../support/test-clock.js';
import { databaseUrl, dropDatabase, directoryPayloads, measureHttp } from './bench-support.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const TEMPLATES = Number(process.env.BENCH_TEMPLATES ?? 240);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
/** Set to keep the seeded database and measure it again later without seeding. */
const KEPT_DATABASE = process.env.BENCH_DATABASE;
const NOW = new Date('2026-06-15T09:00:00.000Z');
const MEASURED = 'valdinievole';
/** Operators of the measured ambito who share its cases as responsabile and assessor. */
const OPERATORS = 100;
const DEEP_PAGES = Number(process.env.BENCH_DEEP_PAGES ?? 200);
const COORDINATOR = 'coordinatore@percorsi.demo';

// Surnames and names as the ambito's people have them, accents included (searched without them).
const SURNAMES = [
  'Rossi',
  'Bianchi',
  'Öztürk',
  'Ștefan',
  'Niccolai',
  'Bartolini',
  'Kowalski',
  'Nguyễn',
  'Lombardi',
  'Giannini',
  'Mazzei',
  'Baldacci',
  'Hoxha',
  'Diallo',
  'Pieroni',
  'Salvadori',
  'Fabbri',
  'Moretti',
  'Çelik',
  'Papadopoulos',
  'Nardini',
  'Lucchesi',
  'Benedetti',
  'Ferrari',
  'Popescu',
  'El Amrani',
  'Dąbrowski',
  'Marchetti',
  'Conti',
  'Grassi',
];
const NAMES = [
  'Maria',
  'Giuseppe',
  'Anna',
  'Ahmed',
  'Łukasz',
  'Fatou',
  'Elena',
  'Marco',
  'Ioana',
  'Chiara',
  'Mehmet',
  'Giulia',
  'Stefan',
  'Aïcha',
  'Luca',
  'Sofia',
  'Andrea',
  'Francesca',
  'Mihai',
  'Paola',
];

/** A well-formed (version 4) uuid from md5 of a text, in SQL: the API refuses other uuids in its inputs. */
const v4 = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

/** md5 as a uuid, as the SQL `md5(text)::uuid` gives it. */
const uuidFrom = (text: string) =>
  createHash('md5')
    .update(text)
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

/** Drives TEMPLATES cases through the engine, each to a different step of the common path. */
async function engineTemplates(coordinator: ApiClient): Promise<string[]> {
  const read = async (path: string) => (await coordinator.get(`/api${path}`)).body;
  const steps = happyPath(await directoryPayloads(read, NOW.toISOString().slice(0, 10)));
  const ids: string[] = [];
  for (let t = 0; t < TEMPLATES; t++) {
    const created = await coordinator.post('/api/cases', exampleReferral());
    if (created.status !== 201)
      throw new Error(`referral → ${created.status} ${JSON.stringify(created.body)}`);
    let version = created.body.version;
    for (const step of steps.slice(0, t % (steps.length + 1))) {
      const applied = await coordinator.post(`/api/cases/${created.body.id}/events`, {
        ...step,
        expectedVersion: version,
      });
      if (applied.status !== 200) throw new Error(`${step.type} → ${applied.status}`);
      version = applied.body.version;
    }
    ids.push(created.body.id);
  }
  return ids;
}

/**
 * Copies the templates to CASES cases with SQL: new people, times moved back by up to 120 days, and the
 * template's SdS operator (responsabile, first assessor) and CPI operator (second assessor) replaced by one
 * of OPERATORS of each, in the snapshot too. The other ambiti's copies name no one of the measured ambito.
 */
async function replicate(dataSource: DataSource, templateIds: string[]): Promise<void> {
  const run = async (label: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    await dataSource.query(sql, params);
    console.log(`  ${label.padEnd(28)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  const [template] = await dataSource.query(
    `SELECT c.snapshot #>> '{context,assessors,0,userId}' AS social, s.organisation_id AS social_organisation,
            c.snapshot #>> '{context,assessors,1,userId}' AS labour, l.organisation_id AS labour_organisation
     FROM cases c JOIN users s ON s.id::text = c.snapshot #>> '{context,assessors,0,userId}'
     JOIN users l ON l.id::text = c.snapshot #>> '{context,assessors,1,userId}'
     WHERE c.id = ANY($1) LIMIT 1`,
    [templateIds],
  );
  const pool = (first: string, name: string) => [
    first,
    ...Array.from({ length: OPERATORS - 1 }, (_, k) => uuidFrom(`bench-${name}${k + 1}`)),
  ];
  const social = pool(template.social, 'operator');
  const labour = pool(template.labour, 'cpi');
  // The replica of template n, its operator and how far back its times are moved, for case i.
  const generated = `
    SELECT i, ${v4("'bench-case' || i")} AS id, ${v4("'bench-person' || i")} AS person_id,
           CASE WHEN i % 4 = 0 THEN '${MEASURED}' ELSE 'bench_' || i % 9 END AS ambito,
           ($2::text[])[1 + (i / 4) % ${OPERATORS}] AS operator, ($3::text[])[1 + (i / 4) % ${OPERATORS}] AS labour,
           ((i::bigint * 104729) % (120 * 1440)) * interval '1 minute' AS shift, t.*
    FROM generate_series(1, ${CASES}) i
    JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS n, id AS template_id, referring_organisation_id, version,
                 phase, state, state_entered_at, phase_entered_at, snapshot, created_at, updated_at, escalations,
                 member_organisations, responsabile_user_id, next_deadline_key, next_due_at
          FROM cases WHERE id = ANY($1)) t ON t.n = i % ${templateIds.length}`;
  await run(
    'persons',
    `INSERT INTO persons (id, ambito, first_name, last_name, codice_fiscale, birth_date, sex, birthplace, municipality)
     SELECT ${v4("'bench-person' || i")}, CASE WHEN i % 4 = 0 THEN '${MEASURED}' ELSE 'bench_' || i % 9 END,
            ($1::text[])[1 + i % cardinality($1::text[])], ($2::text[])[1 + (i::bigint * 7919) % cardinality($2::text[])],
            'BCH' || lpad(i::text, 12, '0') || 'Z', date '1960-01-01' + i % 15000, CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END,
            'Pescia', 'Pescia'
     FROM generate_series(1, ${CASES}) i`,
    [NAMES, SURNAMES],
  );
  await run(
    'cases',
    `INSERT INTO cases (id, person_id, ambito, referring_organisation_id, version, phase, state, state_entered_at,
                        phase_entered_at, snapshot, created_at, updated_at, escalations, member_organisations,
                        responsabile_user_id, next_deadline_key, next_due_at)
     SELECT id, person_id, ambito, referring_organisation_id, version, phase, state, state_entered_at - shift,
            phase_entered_at - shift,
            CASE WHEN responsabile_user_id IS NULL THEN snapshot
                 ELSE jsonb_set(jsonb_set(jsonb_set(snapshot, '{context,responsabile,userId}', to_jsonb(operator)),
                                '{context,assessors,0,userId}', to_jsonb(operator)),
                                '{context,assessors,1,userId}', to_jsonb(labour)) END,
            created_at - shift, updated_at - shift, escalations,
            CASE WHEN ambito = '${MEASURED}' THEN member_organisations ELSE '{}' END,
            CASE WHEN responsabile_user_id IS NOT NULL AND ambito = '${MEASURED}' THEN operator END,
            next_deadline_key, next_due_at - shift
     FROM (${generated}) g`,
    [templateIds, social, labour],
  );
  await run(
    'case_workers',
    `INSERT INTO case_workers (case_id, user_id, ambito, responsabile, late_from)
     SELECT g.id, CASE WHEN w.user_id = ($2::text[])[1] THEN g.operator WHEN w.user_id = ($3::text[])[1] THEN g.labour
                       ELSE w.user_id END, g.ambito, w.responsabile, w.late_from - g.shift
     FROM (${generated}) g JOIN case_workers w ON w.case_id = g.template_id
     WHERE g.ambito = '${MEASURED}'
     ON CONFLICT DO NOTHING`,
    [templateIds, social, labour],
  );
  await run(
    'case_invitations',
    `INSERT INTO case_invitations (case_id, organisation_id, meeting_at)
     SELECT g.id, i.organisation_id, i.meeting_at FROM (${generated}) g JOIN case_invitations i ON i.case_id = g.template_id
     WHERE g.ambito = '${MEASURED}'`,
    [templateIds, social, labour],
  );
  await run(
    'case_deadlines',
    `INSERT INTO case_deadlines (case_id, deadline_key, ambito, starts_at)
     SELECT g.id, d.deadline_key, g.ambito, d.starts_at - g.shift
     FROM (${generated}) g JOIN case_deadlines d ON d.case_id = g.template_id`,
    [templateIds, social, labour],
  );
  await run(
    'case_lateness',
    `INSERT INTO case_lateness (case_id, ambito, phase, state, state_entered_at, referring_organisation_id,
                                responsabile_user_id, late_from)
     SELECT g.id, g.ambito, l.phase, l.state, l.state_entered_at - g.shift, l.referring_organisation_id,
            CASE WHEN l.responsabile_user_id IS NOT NULL AND g.ambito = '${MEASURED}' THEN g.operator END,
            l.late_from - g.shift
     FROM (${generated}) g JOIN case_lateness l ON l.case_id = g.template_id`,
    [templateIds, social, labour],
  );
  // Last: their presence says the seed finished (BENCH_DATABASE reuse).
  for (const [name, first, organisation] of [
    ['operator', template.social, template.social_organisation],
    ['cpi', template.labour, template.labour_organisation],
  ]) {
    await run(
      `operators (${name})`,
      `INSERT INTO users (id, email, password_hash, full_name, role, organisation_id)
       SELECT md5('bench-${name}' || k)::uuid, '${name}-' || k || '@bench.test', u.password_hash, 'Operatore ' || k,
              'operatore', $2
       FROM users u, generate_series(1, ${OPERATORS - 1}) k WHERE u.id::text = $1`,
      [first, organisation],
    );
  }
  await run('VACUUM ANALYZE', 'VACUUM ANALYZE');
}

/** Follows the coordinator's list DEEP_PAGES pages down, for a cursor as deep as someone scrolls. */
async function deepCursor(coordinator: ApiClient): Promise<string> {
  let cursor = '';
  for (let page = 0; page < DEEP_PAGES; page++) {
    const { body } = await coordinator.get(
      `/api/cases?pageSize=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  return cursor;
}

async function main(): Promise<void> {
  const name = KEPT_DATABASE ?? `percorsi_bench_cases_${process.pid}`;
  const url = databaseUrl(name);
  const dataSource = await openDatabase(url);
  const clock = new TestClock(NOW);
  // The demo ambiti give the coordinator, operators and directory the engine's events name.
  await seedDemo(dataSource, new CaseRepository(dataSource), clock);
  const api = await startApi(clock, {
    DATABASE_URL: url,
    QUEUE_PREFIX: `{percorsi-bench-${process.pid}}`,
  });
  try {
    const coordinator = await api.anonymous.as(COORDINATOR, DEMO_PASSWORD);
    const [{ replicated }] = await dataSource.query(
      "SELECT count(*)::int AS replicated FROM users WHERE email LIKE 'cpi-%@bench.test'",
    );
    if (replicated === 0) {
      const started = performance.now();
      console.log(
        `Cases bench: ${TEMPLATES} cases through the engine, then ${CASES.toLocaleString('en')} by SQL.`,
      );
      const templates = await engineTemplates(coordinator);
      console.log(
        `  ${'through the engine'.padEnd(28)} ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      await replicate(dataSource, templates);
      console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    } else {
      console.log(`Cases bench: reusing ${name}.`);
    }
    const [{ cases, open, overdue }] = await dataSource.query(
      `SELECT count(*)::int AS cases, count(*) FILTER (WHERE phase <> 'esito')::int AS open,
              count(*) FILTER (WHERE next_due_at < $2)::int AS overdue
       FROM cases WHERE ambito = $1`,
      [MEASURED, NOW],
    );
    const [busy] = await dataSource.query(
      `SELECT u.email, count(*)::int AS cases FROM case_workers w JOIN users u ON u.id::text = w.user_id
       WHERE w.ambito = $1 GROUP BY u.email ORDER BY count(*) DESC, u.email LIMIT 1`,
      [MEASURED],
    );
    const [person] = await dataSource.query(
      `SELECT p.codice_fiscale FROM persons p WHERE p.ambito = $1 AND p.codice_fiscale LIKE 'BCH%' ORDER BY p.id LIMIT 1`,
      [MEASURED],
    );
    console.log(
      `Measured: ${MEASURED}, ${cases.toLocaleString('en')} cases (${open.toLocaleString('en')} open, ${overdue.toLocaleString('en')} overdue) as its coordinatore; busiest operator ${busy.email} working ${busy.cases.toLocaleString('en')}; ${RUNS} warm runs each; load ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
    );
    const figures: Record<string, { p95: number }> = {};
    const time = async (label: string, client: ApiClient, path: string) => {
      figures[label] = await measureHttp(label, client, path, RUNS);
    };
    await time('first page, last activity', coordinator, '/api/cases');
    await time('first page, next deadline', coordinator, '/api/cases?sort=deadline');
    await time('first page, person', coordinator, '/api/cases?sort=person');
    const cursor = await deepCursor(coordinator);
    await time(
      `page ${DEEP_PAGES + 1} by cursor`,
      coordinator,
      `/api/cases?cursor=${encodeURIComponent(cursor)}`,
    );
    await time('search "ozturk" (surname)', coordinator, '/api/cases?text=ozturk');
    await time('search codice fiscale', coordinator, `/api/cases?text=${person.codice_fiscale}`);
    await time('overdue only', coordinator, '/api/cases?overdue=true');
    const operator = await api.anonymous.as(busy.email, DEMO_PASSWORD);
    await time('Le mie attività (busy operator)', operator, '/api/activities');
    await time('mine=true (busy operator)', operator, '/api/cases?mine=true');
    const missed = Object.entries(figures).filter(([, { p95 }]) => p95 >= 100);
    console.log(
      missed.length
        ? `p95 at or over 100 ms: ${missed.map(([label, { p95 }]) => `${label} ${p95.toFixed(0)} ms`).join('; ')}`
        : 'every p95 under 100 ms',
    );
  } finally {
    await api.close();
    await dataSource.destroy();
    if (!KEPT_DATABASE) await dropDatabase(name);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
