// Supervision at scale: seeds 1,000,000 cases and 10,000,000 history rows (generate_series, no row-by-row
// inserts) into a database of its own, then times the stuck list and the dashboard for the largest ambito,
// cold and warm, with a summary of each statement's plan. A figure to watch, not a test.
import { DataSource } from 'typeorm';
import { hashPassword } from '../../libs/access/passwords.js';
import { createDataSource, openDatabase } from '../../libs/persistence/index.js';
import {
  buildDashboard,
  findStuckCases,
  OPEN_LEAF_STATES,
  recomputeLateness,
} from '../../libs/supervision/index.js';
import { startApi } from '../support/api.js';
import { TestClock } from '../support/test-clock.js';
import { databaseUrl, dropDatabase, measureHttp, percentile } from './bench-support.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const HISTORY_PER_CASE = Number(process.env.BENCH_HISTORY_PER_CASE ?? 10);
const WARM_RUNS = Number(process.env.BENCH_RUNS ?? 50);
const AMBITI = 10;
/** The measured ambito holds a quarter of all cases: the worst case, not the average one. */
const LARGEST = 'ambito_0';
const NOW = new Date('2026-06-15T09:00:00.000Z');
/** Set to keep the seeded database and measure it again later (after a migration, say) without re-seeding. */
const KEPT_DATABASE = process.env.BENCH_DATABASE;

async function seed(dataSource: DataSource): Promise<void> {
  const started = performance.now();
  const run = async (label: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    await dataSource.query(sql, params);
    console.log(`  ${label.padEnd(28)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  // Persons first, with their triggers on: the trigger is what writes their search text.
  await run(
    'persons',
    `INSERT INTO persons (id, ambito, first_name, last_name, birth_date, sex, birthplace, municipality)
     SELECT md5('person' || i)::uuid, 'ambito_' || CASE WHEN i % 100 < 25 THEN 0 ELSE 1 + i % ${AMBITI - 1} END,
            'Nome' || i, 'Cognome' || i, '1985-12-10', 'M', 'Pescia', 'Pescia'
     FROM generate_series(1, ${CASES}) i`,
  );
  // Foreign keys are checked by the real writes; skipping their triggers keeps seeding to minutes.
  await dataSource.query("SET session_replication_role = 'replica'");
  await run(
    'organisations and users',
    `INSERT INTO organisations (id, name, type, ambito)
     SELECT md5('org' || a || t)::uuid, 'Organisation ' || a || ' ' || t, t, 'ambito_' || a
     FROM generate_series(0, ${AMBITI - 1}) a, unnest(ARRAY['sds', 'cpi', 'serd', 'ets']) t`,
  );
  await run(
    'users',
    `INSERT INTO users (id, email, password_hash, full_name, role, organisation_id)
     SELECT md5('user' || a || '-' || u)::uuid, 'u' || a || '-' || u || '@bench.test', 'x', 'Operatore ' || a || '-' || u,
            'operatore', md5('org' || a || 'sds')::uuid
     FROM generate_series(0, ${AMBITI - 1}) a, generate_series(0, 199) u`,
  );
  // 70% of cases are closed; open ones are spread over the open states and over the last 120 days.
  await run(
    'cases',
    `INSERT INTO cases (id, person_id, ambito, referring_organisation_id, version, phase, state, state_entered_at,
                        phase_entered_at, snapshot, created_at, updated_at, escalations)
     SELECT md5('case' || i)::uuid, md5('person' || i)::uuid, 'ambito_' || a,
            md5('org' || a || (ARRAY['sds', 'cpi', 'serd', 'ets'])[1 + i % 4])::uuid, ${HISTORY_PER_CASE},
            split_part(state, '.', 1), state, entered, entered - (i % 20) * interval '1 day', '{}'::jsonb,
            entered - interval '400 days', entered, (i % 7 = 0)::int
     FROM (
       SELECT i, CASE WHEN i % 100 < 25 THEN 0 ELSE 1 + i % ${AMBITI - 1} END AS a,
              CASE WHEN i % 10 < 7 THEN 'esito' ELSE ($1::text[])[1 + (i / 10) % cardinality($1::text[])] END AS state,
              $2::timestamptz - ((i::bigint * 7919) % (120 * 1440)) * interval '1 minute' AS entered
       FROM generate_series(1, ${CASES}) i
     ) generated`,
    [OPEN_LEAF_STATES, NOW],
  );
  await run(
    'case_history',
    `INSERT INTO case_history (case_id, seq, at, actor_user_id, event_type, event_data, from_state, to_state)
     SELECT c.id, s, c.created_at + s * interval '1 day',
            md5('user' || split_part(c.ambito, '_', 2) || '-' || (s * 31 + c.version) % 200)::uuid,
            CASE WHEN s = 1 THEN 'CREATE_REFERRAL' ELSE 'UPDATE_PLAN' END, '{}'::jsonb,
            CASE WHEN s = 1 THEN NULL ELSE 'segnalazione.bozza' END,
            CASE WHEN s = c.version THEN c.state ELSE 'segnalazione.bozza' END
     FROM cases c, generate_series(1, ${HISTORY_PER_CASE}) s`,
  );
  await run(
    'case_deadlines',
    `INSERT INTO case_deadlines (case_id, deadline_key, ambito, starts_at)
     SELECT id, CASE split_part(state, '.', 1)
                  WHEN 'segnalazione' THEN 'triage' WHEN 'valutazione' THEN 'valutazione'
                  WHEN 'pais' THEN 'sottoscrizione_pais' WHEN 'monitoraggio' THEN 'verifica_periodica'
                  ELSE CASE WHEN state LIKE 'equipe.primo%' THEN 'equipe_primo_livello' ELSE 'equipe_secondo_livello' END
                END, ambito, phase_entered_at
     FROM cases WHERE phase <> 'esito' AND state NOT IN ('segnalazione.bozza', 'segnalazione.da_integrare', 'monitoraggio.sospeso')`,
  );
  await run(
    'case_workers',
    `INSERT INTO case_workers (case_id, user_id, ambito, responsabile)
     SELECT id, md5('user' || split_part(ambito, '_', 2) || '-' || (abs(hashtext(id::text)) + k) % 200)::uuid::text,
            ambito, k = 0
     FROM cases, generate_series(0, 1) k
     WHERE phase NOT IN ('esito', 'segnalazione') AND (k = 0 OR phase = 'valutazione')`,
  );
  await run(
    'case_lateness',
    `INSERT INTO case_lateness (case_id, ambito, phase, state, state_entered_at, referring_organisation_id,
                                responsabile_user_id)
     SELECT c.id, c.ambito, c.phase, c.state, c.state_entered_at, c.referring_organisation_id, w.user_id
     FROM cases c LEFT JOIN case_workers w ON w.case_id = c.id AND w.responsabile
     WHERE c.phase <> 'esito'`,
  );
  // The same function a changed rule runs: every open case's "late from" under the default rules.
  const recomputed = performance.now();
  await recomputeLateness(dataSource);
  console.log(
    `  ${'late from (recompute)'.padEnd(28)} ${((performance.now() - recomputed) / 1000).toFixed(1)} s`,
  );
  await run(
    'outcome and escalation summaries',
    `INSERT INTO supervision_monthly (ambito, metric, month, key, count)
     SELECT 'ambito_' || a, metric, date_trunc('month', $1::timestamptz - m * interval '1 month')::date, key, 1 + (a + m) % 50
     FROM generate_series(0, ${AMBITI - 1}) a, generate_series(0, 35) m,
          (SELECT 'outcome', unnest(ARRAY['occupazione', 'tirocinio', 'abbandono', 'altro'])
           UNION ALL SELECT 'escalation', '') metric_key (metric, key)`,
    [NOW],
  );
  await run(
    'referral summaries',
    `INSERT INTO supervision_monthly (ambito, metric, month, key, count)
     SELECT o.ambito, 'referral', date_trunc('month', $1::timestamptz - m * interval '1 month')::date, o.id::text, 40
     FROM organisations o, generate_series(0, 35) m`,
    [NOW],
  );
  await run(
    'phase duration summaries',
    `INSERT INTO supervision_phase_durations (ambito, phase, month, days, visits)
     SELECT 'ambito_' || a, phase, date_trunc('month', $1::timestamptz - m * interval '1 month')::date, d, 1 + (d * 7 + m) % 13
     FROM generate_series(0, ${AMBITI - 1}) a, unnest(ARRAY['segnalazione', 'valutazione', 'equipe', 'pais', 'monitoraggio']) phase,
          generate_series(0, 35) m, generate_series(0, 180) d`,
    [NOW],
  );
  await dataSource.query("SET session_replication_role = 'origin'");
  await run('VACUUM ANALYZE', 'VACUUM ANALYZE');
  console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/** Runs the work through a data source that remembers each statement, to EXPLAIN them afterwards. */
function recording(dataSource: DataSource, statements: { sql: string; params: unknown[] }[]): DataSource {
  return {
    query: (sql: string, params: unknown[]) => {
      statements.push({ sql, params });
      return dataSource.query(sql, params);
    },
  } as DataSource;
}

async function planSummary(dataSource: DataSource, sql: string, params: unknown[]): Promise<string> {
  const [
    {
      'QUERY PLAN': [plan],
    },
  ] = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
  const nodes: string[] = [];
  const walk = (node: Record<string, any>) => {
    const type = node['Node Type'] as string;
    if (node['Index Name']) nodes.push(`${type} ${node['Index Name']}`);
    else if (type === 'Seq Scan')
      nodes.push(`Seq Scan ${node['Relation Name']} (rows ${node['Actual Rows']})`);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan.Plan);
  const scans = [...new Set(nodes)].join('; ');
  return `${plan['Execution Time'].toFixed(1)} ms, ${plan.Plan['Shared Hit Blocks'] ?? 0} buffers hit, ${plan.Plan['Shared Read Blocks'] ?? 0} read | ${scans}`;
}

async function measure(name: string, url: string, work: (dataSource: DataSource) => Promise<unknown>) {
  // Cold: a fresh connection pool, so no cached plans or prepared state.
  const cold = await createDataSource(url).initialize();
  const coldStarted = performance.now();
  await work(cold);
  const coldMs = performance.now() - coldStarted;
  const timings: number[] = [];
  for (let run = 0; run < WARM_RUNS; run++) {
    const started = performance.now();
    await work(cold);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const statements: { sql: string; params: unknown[] }[] = [];
  await work(recording(cold, statements));
  console.log(
    `${name.padEnd(30)} cold ${coldMs.toFixed(1).padStart(6)} ms | warm p50 ${percentile(timings, 50).toFixed(1).padStart(5)} ms, p95 ${percentile(timings, 95).toFixed(1).padStart(5)} ms`,
  );
  for (const statement of statements) {
    const first = statement.sql.trim().split('\n')[0].slice(0, 60);
    console.log(`    ${first.padEnd(60)} ${await planSummary(cold, statement.sql, statement.params)}`);
  }
  await cold.destroy();
}

const COORDINATOR = { email: 'coordinatore-0@bench.test', password: 'bench-coordinatore' };

/** A coordinatore of the measured ambito, to ask the real endpoints as the supervision screens do. */
async function ensureCoordinator(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO users (email, password_hash, full_name, role, organisation_id)
     SELECT $1, $2, 'Coordinatrice di prova', 'coordinatore', id FROM organisations WHERE ambito = $3 AND type = 'sds'
     ON CONFLICT (email) DO NOTHING`,
    [COORDINATOR.email, await hashPassword(COORDINATOR.password), LARGEST],
  );
}

async function main(): Promise<void> {
  const name = KEPT_DATABASE ?? `percorsi_bench_supervision_${process.pid}`;
  const url = databaseUrl(name);
  const dataSource = await openDatabase(url);
  try {
    const [{ seeded }] = await dataSource.query('SELECT count(*)::int AS seeded FROM cases');
    if (seeded === 0) {
      console.log(
        `Supervision bench: seeding ${CASES.toLocaleString('en')} cases, ${(CASES * HISTORY_PER_CASE).toLocaleString('en')} history rows.`,
      );
      await seed(dataSource);
    } else {
      // The phase-duration summaries are the seed's last table: without them an earlier seed was cut short.
      const [{ finished }] = await dataSource.query(
        'SELECT EXISTS (SELECT 1 FROM supervision_phase_durations) AS finished',
      );
      if (!finished) throw new Error(`The seed of ${name} did not finish: drop the database and run again.`);
      console.log(`Supervision bench: reusing ${name}, ${seeded.toLocaleString('en')} cases.`);
    }
    const [{ cases, open }] = await dataSource.query(
      `SELECT count(*)::int AS cases, count(*) FILTER (WHERE phase <> 'esito')::int AS open FROM cases WHERE ambito = $1`,
      [LARGEST],
    );
    console.log(
      `Measured ambito ${LARGEST}: ${cases.toLocaleString('en')} cases, ${open.toLocaleString('en')} open; ${WARM_RUNS} warm runs each.`,
    );
    const range = { from: '2025-07', to: '2026-06', period: 'month' as const };
    await measure('stuck list, page 1', url, (db) =>
      findStuckCases(db, LARGEST, NOW, { limit: 20, offset: 0 }),
    );
    await measure('stuck list, phase=pais, page 5', url, (db) =>
      findStuckCases(db, LARGEST, NOW, { phase: 'pais', limit: 20, offset: 80 }),
    );
    await measure('dashboard', url, (db) => buildDashboard(db, LARGEST, NOW, range));
    const page = await findStuckCases(dataSource, LARGEST, NOW, { limit: 1, offset: 0 });
    await ensureCoordinator(dataSource);
    const api = await startApi(new TestClock(NOW), {
      DATABASE_URL: url,
      QUEUE_PREFIX: `{percorsi-bench-${process.pid}}`,
    });
    try {
      console.log('Through the API (HTTP on loopback, as the coordinatore of the measured ambito):');
      const coordinator = await api.anonymous.as(COORDINATOR.email, COORDINATOR.password);
      await measureHttp('GET /api/supervision/stuck', coordinator, '/api/supervision/stuck', WARM_RUNS);
      await measureHttp(
        'GET /api/supervision/dashboard',
        coordinator,
        '/api/supervision/dashboard',
        WARM_RUNS,
      );
      // A changed threshold recomputes "late from" for the ambito's open cases in that state before it
      // answers; every transition waits on the lock meanwhile. Measured once each way, then the default is back.
      for (const [label, method, body] of [
        ['PUT a threshold', 'PUT', { days: 12 }],
        ['DELETE it (back to default)', 'DELETE', undefined],
      ] as const) {
        const started = performance.now();
        const response = await coordinator.request(
          method,
          '/api/supervision/thresholds/valutazione.in_corso',
          body,
        );
        if (response.status !== 200) throw new Error(`${label} → ${response.status}`);
        console.log(`${label.padEnd(30)} ${(performance.now() - started).toFixed(0).padStart(6)} ms`);
      }
    } finally {
      await api.close();
    }
    console.log(`(${page.total.toLocaleString('en')} stuck cases in ${LARGEST} at ${NOW.toISOString()})`);
  } finally {
    await dataSource.destroy();
    if (!KEPT_DATABASE) await dropDatabase(name);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
