// Every dashboard figure against a count made directly on cases and case_history (the source of truth,
// not the summaries), on a few hundred cases driven through the engine over fifteen months in two ambiti.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deadlinesOf, restoreCase, type CaseEventType } from '../../workflows/case/index.js';
import { DEFAULT_THRESHOLD_DAYS, recomputeLateness } from '../../libs/supervision/index.js';
import {
  AMBITI,
  DAY,
  plus,
  supervisionTerritory,
  type Ambito,
  type SupervisionTerritory,
} from './supervision-territory.js';

const START = new Date('2025-01-06T08:00:00.000Z');
const NOW = new Date('2026-03-31T10:00:00.000Z');
const RANGE = 'from=2025-01&to=2026-03';
const CASES = 300;
const MONTH = (at: string) => `to_char(date_trunc('month', ${at} AT TIME ZONE 'Europe/Rome'), 'YYYY-MM')`;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('GET /api/supervision/dashboard', () => {
  let territory: SupervisionTerritory;
  const dashboards = {} as Record<Ambito, any>;

  beforeAll(async () => {
    territory = await supervisionTerritory();
    const next = random(42);
    for (let index = 0; index < CASES; index++) {
      const ambito: Ambito = index % 4 === 0 ? 'piana_di_lucca' : 'valdinievole';
      const referrer = (['ets', 'sds', 'cpi'] as const)[Math.floor(next() * 3)];
      const createdAt = plus(START, Math.floor(next() * 440 * DAY));
      const happy = territory.happySteps(ambito, 14);
      const ending = next();
      let steps: { type: CaseEventType; data?: unknown }[];
      if (ending < 0.1) steps = [...happy.slice(0, 2), { type: 'REJECT' }];
      else if (ending < 0.2)
        steps = [...happy.slice(0, 6), { type: 'COMPLETE_ASSESSMENT', data: { profilo: 'lavorativo' } }];
      else if (ending < 0.3) steps = [...happy.slice(0, 8), { type: 'ESCALATE' }];
      else if (ending < 0.4)
        steps = [...happy.slice(0, 13), { type: 'CLOSE', data: { outcome: { primary: 'tirocinio' } } }];
      else steps = happy.slice(0, Math.floor(next() * 15));
      let at = createdAt;
      const events = [];
      for (const step of steps) {
        at = plus(at, Math.floor(next() * 25 * DAY));
        if (at > NOW) break;
        events.push({ ...step, at });
      }
      await territory.drive(ambito, referrer, createdAt, events);
    }
    // Written as the amministratore's change is: the rule, then the cases it moves recomputed.
    await territory.dataSource.query(
      `INSERT INTO deadline_overrides (ambito, deadline_key, after_days) VALUES ('valdinievole', 'valutazione', 15)`,
    );
    await recomputeLateness(territory.dataSource, { ambito: 'valdinievole', deadlineKey: 'valutazione' });
    territory.clock.set(NOW);
    for (const ambito of AMBITI) {
      const response = await (
        await territory.as(ambito, 'coordinatore')
      ).get(`/api/supervision/dashboard?${RANGE}`);
      expect(response.status).toBe(200);
      dashboards[ambito] = response.body;
    }
  }, 180_000);

  afterAll(() => territory.close());

  const sql = (text: string, params: unknown[]) => territory.dataSource.query(text, params);

  describe.each(AMBITI)('in %s', (ambito) => {
    it('counts the cases in each phase', async () => {
      const rows = await sql(
        'SELECT phase, count(*)::int AS cases FROM cases WHERE ambito = $1 GROUP BY phase',
        [ambito],
      );
      const expected = Object.fromEntries(rows.map((row: any) => [row.phase, row.cases]));
      for (const row of dashboards[ambito].funnel)
        expect([row.phase, row.cases]).toEqual([row.phase, expected[row.phase] ?? 0]);
      expect(dashboards[ambito].funnel.reduce((sum: number, row: any) => sum + row.cases, 0)).toBe(
        rows.reduce((sum: number, row: any) => sum + row.cases, 0),
      );
    });

    it('gives the median and 90th percentile of whole days per finished phase visit', async () => {
      const rows = await sql(
        `WITH steps AS (
           SELECT h.case_id, h.seq, h.at, split_part(h.to_state, '.', 1) AS phase,
                  lag(split_part(h.to_state, '.', 1)) OVER (PARTITION BY h.case_id ORDER BY h.seq) AS previous_phase
           FROM case_history h JOIN cases c ON c.id = h.case_id WHERE c.ambito = $1
         ), visits AS (
           SELECT phase, at AS entered_at, lead(at) OVER (PARTITION BY case_id ORDER BY seq) AS left_at
           FROM steps WHERE previous_phase IS DISTINCT FROM phase
         )
         SELECT phase, count(*)::int AS visits,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY floor(extract(epoch FROM left_at - entered_at) / 86400))::int AS median,
                percentile_disc(0.9) WITHIN GROUP (ORDER BY floor(extract(epoch FROM left_at - entered_at) / 86400))::int AS p90
         FROM visits WHERE left_at IS NOT NULL AND ${MONTH('left_at')} BETWEEN '2025-01' AND '2026-03'
         GROUP BY phase`,
        [ambito],
      );
      expect(rows.length).toBeGreaterThan(2);
      for (const row of dashboards[ambito].phaseDurations) {
        const expected = rows.find((candidate: any) => candidate.phase === row.phase);
        expect([row.phase, row.visits, row.medianDays, row.p90Days]).toEqual([
          row.phase,
          expected?.visits ?? 0,
          expected?.median ?? null,
          expected?.p90 ?? null,
        ]);
      }
    });

    it('counts referrals per referring organisation per month', async () => {
      const rows = await sql(
        `SELECT ${MONTH('h.at')} AS month, c.referring_organisation_id::text AS "organisationId", count(*)::int AS referrals
         FROM case_history h JOIN cases c ON c.id = h.case_id
         WHERE c.ambito = $1 AND h.event_type = 'SUBMIT' GROUP BY 1, 2 ORDER BY 1, 2`,
        [ambito],
      );
      expect(rows.length).toBeGreaterThan(5);
      expect(
        dashboards[ambito].referrals.map(({ month, organisationId, referrals }: any) => ({
          month,
          organisationId,
          referrals,
        })),
      ).toEqual(rows);
    });

    it('counts outcomes by code per month and per quarter', async () => {
      const query = (period: string) =>
        sql(
          `SELECT ${period} AS period, c.snapshot #>> '{context,outcome,primary}' AS outcome, count(*)::int AS cases
           FROM cases c JOIN case_history h ON h.case_id = c.id AND h.to_state = 'esito'
             AND h.from_state IS DISTINCT FROM 'esito'
           WHERE c.ambito = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
          [ambito],
        );
      const sorted = (rows: any[]) =>
        [...rows].sort((a, b) => `${a.period}${a.outcome}`.localeCompare(`${b.period}${b.outcome}`));
      const monthly = await query(MONTH('h.at'));
      expect(monthly.length).toBeGreaterThan(3);
      expect(sorted(dashboards[ambito].outcomes)).toEqual(monthly);
      const quarterly = await query(
        `to_char(h.at AT TIME ZONE 'Europe/Rome', 'YYYY') || '-T' || to_char(h.at AT TIME ZONE 'Europe/Rome', 'Q')`,
      );
      const coordinator = await territory.as(ambito, 'coordinatore');
      const response = await coordinator.get(`/api/supervision/dashboard?${RANGE}&period=quarter`);
      expect(sorted(response.body.outcomes)).toEqual(quarterly);
    });

    it('counts escalations per month', async () => {
      const rows = await sql(
        `SELECT ${MONTH("(e ->> 'at')::timestamptz")} AS month, count(*)::int AS escalations
         FROM cases c, jsonb_array_elements(c.snapshot #> '{context,escalations}') e
         WHERE c.ambito = $1 GROUP BY 1 ORDER BY 1`,
        [ambito],
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(dashboards[ambito].escalations).toEqual(rows);
    });

    it("keeps each case's projected rows equal to what its snapshot says, as the one statement did", async () => {
      const [overrides, cases] = await Promise.all([
        sql('SELECT deadline_key, after_days FROM deadline_overrides WHERE ambito = $1', [ambito]),
        sql(
          `SELECT c.id, c.phase, c.state, c.state_entered_at, c.snapshot, c.next_deadline_key, c.next_due_at,
                  c.escalations, l.late_from, l.state AS lateness_state, l.responsabile_user_id,
                  ARRAY(SELECT d.deadline_key || '@' || to_char(d.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                        FROM case_deadlines d WHERE d.case_id = c.id ORDER BY 1) AS deadlines,
                  ARRAY(SELECT w.user_id || ':' || w.responsabile || ':' || (w.late_from IS NOT DISTINCT FROM l.late_from)
                        FROM case_workers w WHERE w.case_id = c.id ORDER BY 1) AS workers
           FROM cases c LEFT JOIN case_lateness l ON l.case_id = c.id WHERE c.ambito = $1`,
          [ambito],
        ),
      ]);
      const rules = Object.fromEntries(
        overrides.map((row: any) => [row.deadline_key, { afterDays: row.after_days }]),
      );
      for (const row of cases) {
        const snapshot = restoreCase(row.snapshot);
        const closed = row.phase === 'esito';
        const running = closed
          ? []
          : deadlinesOf(snapshot, rules).filter((d) => !d.state.startsWith('esito'));
        const people = new Map<string, boolean>(
          row.phase === 'valutazione' ? snapshot.context.assessors.map((a) => [a.userId, false]) : [],
        );
        const responsabile = snapshot.context.responsabile?.userId;
        if (responsabile && !closed) people.set(responsabile, true);
        const threshold = DEFAULT_THRESHOLD_DAYS[row.state];
        const moments = [
          ...running.map((d) => new Date(d.dueAt).getTime()),
          ...(threshold !== null && threshold !== undefined
            ? [plus(row.state_entered_at, threshold * DAY).getTime()]
            : []),
        ];
        const next = [...running].sort(
          (a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key),
        )[0];
        expect({
          deadlines: row.deadlines,
          workers: row.workers,
          lateness: closed ? null : { state: row.lateness_state, lateFrom: row.late_from?.getTime() ?? null },
          responsabile: row.responsabile_user_id,
          next: row.next_due_at ? `${row.next_deadline_key}@${row.next_due_at.toISOString()}` : null,
          escalations: row.escalations,
        }).toEqual({
          deadlines: running.map((d) => `${d.key}@${d.startsAt}`).sort(),
          workers: [...people].map(([userId, isResponsabile]) => `${userId}:${isResponsabile}:true`).sort(),
          lateness: closed
            ? null
            : { state: row.state, lateFrom: moments.length ? Math.min(...moments) : null },
          responsabile: closed ? null : (responsabile ?? null),
          next: next ? `${next.key}@${next.dueAt}` : null,
          escalations: snapshot.context.escalations.length,
        });
      }
    });

    it('counts open and overdue cases per operator and per responsabile, as each case page dates them', async () => {
      const [overrides, open] = await Promise.all([
        sql('SELECT deadline_key, after_days FROM deadline_overrides WHERE ambito = $1', [ambito]),
        sql(
          `SELECT state, phase, state_entered_at, snapshot FROM cases WHERE ambito = $1 AND phase <> 'esito'`,
          [ambito],
        ),
      ]);
      const rules = Object.fromEntries(
        overrides.map((row: any) => [row.deadline_key, { afterDays: row.after_days }]),
      );
      const operators = new Map<string, { open: number; overdue: number }>();
      const responsabili = new Map<string, { open: number; overdue: number }>();
      const count = (map: typeof operators, userId: string, overdue: boolean) => {
        const entry = map.get(userId) ?? { open: 0, overdue: 0 };
        entry.open += 1;
        if (overdue) entry.overdue += 1;
        map.set(userId, entry);
      };
      let overdueCases = 0;
      for (const row of open) {
        const snapshot = restoreCase(row.snapshot);
        const threshold = DEFAULT_THRESHOLD_DAYS[row.state];
        const overdue =
          deadlinesOf(snapshot, rules).some((deadline) => new Date(deadline.dueAt) < NOW) ||
          (threshold !== null && plus(row.state_entered_at, threshold * DAY) < NOW);
        if (overdue) overdueCases += 1;
        const people = new Set(
          row.phase === 'valutazione' ? snapshot.context.assessors.map((a) => a.userId) : [],
        );
        const responsabile = snapshot.context.responsabile?.userId;
        if (responsabile) {
          people.add(responsabile);
          count(responsabili, responsabile, overdue);
        }
        for (const userId of people) count(operators, userId, overdue);
      }
      const asMap = (rows: any[]) =>
        new Map(rows.map((row) => [row.userId, { open: row.open, overdue: row.overdue }]));
      expect(overdueCases).toBeGreaterThan(0);
      expect(asMap(dashboards[ambito].workload.operators)).toEqual(operators);
      expect(asMap(dashboards[ambito].workload.responsabili)).toEqual(responsabili);
      const coordinator = await territory.as(ambito, 'coordinatore');
      expect((await coordinator.get('/api/supervision/stuck')).body.total).toBe(overdueCases);
    });

    it('keeps one lateness row for each open case and none for a closed one', async () => {
      const [{ mismatched, open }] = await sql(
        `SELECT count(*) FILTER (WHERE (c.phase <> 'esito') <> (l.case_id IS NOT NULL))::int AS mismatched,
                count(*) FILTER (WHERE c.phase <> 'esito')::int AS open
         FROM cases c LEFT JOIN case_lateness l ON l.case_id = c.id WHERE c.ambito = $1`,
        [ambito],
      );
      expect(open).toBeGreaterThan(0);
      expect(mismatched).toBe(0);
    });

    it('exports every table as CSV with the same figures', async () => {
      const coordinator = await territory.as(ambito, 'coordinatore');
      const response = await fetch(
        `${coordinator.baseUrl}/api/supervision/dashboard/referrals.csv?${RANGE}`,
        {
          headers: { authorization: `Bearer ${(coordinator as any).token}` },
        },
      );
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await response.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('mese,servizio_inviante,id_organizzazione,segnalazioni');
      expect(
        lines
          .slice(1)
          .map((line) => line.split(',')[3])
          .map(Number),
      ).toEqual(dashboards[ambito].referrals.map((row: any) => row.referrals));
      for (const table of [
        'funnel',
        'phase-durations',
        'outcomes',
        'workload-operators',
        'workload-responsabili',
        'escalations',
      ]) {
        const csv = await fetch(`${coordinator.baseUrl}/api/supervision/dashboard/${table}.csv?${RANGE}`, {
          headers: { authorization: `Bearer ${(coordinator as any).token}` },
        });
        expect([table, csv.status]).toEqual([table, 200]);
      }
    });
  });
});
