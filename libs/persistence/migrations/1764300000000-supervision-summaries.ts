import type { MigrationInterface, QueryRunner } from 'typeorm';
import { supervisionFactsOf } from '../../supervision/case-facts.js';
import { SERVICE_TIME_ZONE } from '../../supervision/supervision-rules.js';
import { restoreCase } from '../../../workflows/case/index.js';

/**
 * What the supervision queries read instead of scanning cases and history: per-case columns, the running
 * deadlines and the people of each open case, and monthly counters. CaseRepository keeps them in the same
 * statement as each transition; this migration fills them in for the cases that already exist.
 */
export class SupervisionSummaries1764300000000 implements MigrationInterface {
  name = 'SupervisionSummaries1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cases
        ADD COLUMN phase_entered_at timestamptz,
        ADD COLUMN escalations integer NOT NULL DEFAULT 0;
      CREATE INDEX cases_open_state_idx ON cases (ambito, state, state_entered_at) WHERE phase <> 'esito';

      CREATE TABLE case_deadlines (
        case_id uuid NOT NULL REFERENCES cases(id),
        deadline_key text NOT NULL,
        ambito text NOT NULL,
        starts_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, deadline_key)
      );
      CREATE INDEX case_deadlines_due_idx ON case_deadlines (ambito, deadline_key, starts_at);

      CREATE TABLE case_workers (
        case_id uuid NOT NULL REFERENCES cases(id),
        user_id text NOT NULL,
        ambito text NOT NULL,
        responsabile boolean NOT NULL,
        PRIMARY KEY (case_id, user_id)
      );
      CREATE INDEX case_workers_ambito_idx ON case_workers (ambito, user_id) INCLUDE (responsabile);

      CREATE TABLE supervision_monthly (
        ambito text NOT NULL,
        metric text NOT NULL CHECK (metric IN ('referral', 'outcome', 'escalation')),
        month date NOT NULL,
        key text NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (ambito, metric, month, key)
      );

      CREATE TABLE supervision_phase_durations (
        ambito text NOT NULL,
        phase text NOT NULL,
        month date NOT NULL,
        days integer NOT NULL,
        visits integer NOT NULL,
        PRIMARY KEY (ambito, phase, month, days)
      );

      CREATE TABLE supervision_thresholds (
        ambito text NOT NULL,
        state text NOT NULL,
        after_days integer CHECK (after_days >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ambito, state)
      );
    `);
    await this.backfill(queryRunner);
    await queryRunner.query('ALTER TABLE cases ALTER COLUMN phase_entered_at SET NOT NULL');
  }

  private async backfill(queryRunner: QueryRunner): Promise<void> {
    const month = (at: string) => `date_trunc('month', ${at} AT TIME ZONE '${SERVICE_TIME_ZONE}')::date`;
    // A phase visit is a run of consecutive history rows whose target state is in the same phase.
    await queryRunner.query(`
      WITH steps AS (
        SELECT h.case_id, c.ambito, h.seq, h.at, split_part(h.to_state, '.', 1) AS phase,
               lag(split_part(h.to_state, '.', 1)) OVER (PARTITION BY h.case_id ORDER BY h.seq) AS previous_phase
        FROM case_history h JOIN cases c ON c.id = h.case_id
      ), entries AS (
        SELECT case_id, ambito, phase, at AS entered_at,
               lead(at) OVER (PARTITION BY case_id ORDER BY seq) AS left_at
        FROM steps WHERE previous_phase IS DISTINCT FROM phase
      ), current_entry AS (
        UPDATE cases c SET phase_entered_at = e.entered_at
        FROM entries e WHERE e.case_id = c.id AND e.left_at IS NULL
      )
      INSERT INTO supervision_phase_durations (ambito, phase, month, days, visits)
      SELECT ambito, phase, ${month('left_at')}, floor(extract(epoch FROM left_at - entered_at) / 86400)::int,
             count(*)
      FROM entries WHERE left_at IS NOT NULL GROUP BY 1, 2, 3, 4
    `);
    await queryRunner.query(`
      INSERT INTO supervision_monthly (ambito, metric, month, key, count)
      SELECT c.ambito, 'referral', ${month('h.at')}, c.referring_organisation_id::text, count(*)
      FROM case_history h JOIN cases c ON c.id = h.case_id WHERE h.event_type = 'SUBMIT' GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT c.ambito, 'outcome', ${month('h.at')}, c.snapshot #>> '{context,outcome,primary}', count(*)
      FROM case_history h JOIN cases c ON c.id = h.case_id
      WHERE h.to_state = 'esito' GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT c.ambito, 'escalation', ${month("(e ->> 'at')::timestamptz")}, '', count(*)
      FROM cases c, jsonb_array_elements(c.snapshot #> '{context,escalations}') e GROUP BY 1, 2, 3, 4
    `);
    const cases: { id: string; ambito: string; state: string; snapshot: never }[] = await queryRunner.query(
      'SELECT id, ambito, state, snapshot FROM cases',
    );
    for (const row of cases) {
      const facts = supervisionFactsOf(restoreCase(row.snapshot), row.state);
      await queryRunner.query(
        `WITH updated AS (UPDATE cases SET escalations = $2 WHERE id = $1),
         deadlines AS (
           INSERT INTO case_deadlines (case_id, deadline_key, ambito, starts_at)
           SELECT $1, key, $3, starts_at FROM unnest($4::text[], $5::timestamptz[]) AS d(key, starts_at)
         )
         INSERT INTO case_workers (case_id, user_id, ambito, responsabile)
         SELECT $1, user_id, $3, responsabile FROM unnest($6::text[], $7::boolean[]) AS w(user_id, responsabile)`,
        [
          row.id,
          facts.escalations,
          row.ambito,
          facts.deadlines.map((deadline) => deadline.key),
          facts.deadlines.map((deadline) => deadline.startsAt),
          facts.workers.map((worker) => worker.userId),
          facts.workers.map((worker) => worker.responsabile),
        ],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE supervision_thresholds;
      DROP TABLE supervision_phase_durations;
      DROP TABLE supervision_monthly;
      DROP TABLE case_workers;
      DROP TABLE case_deadlines;
      DROP INDEX cases_open_state_idx;
      ALTER TABLE cases DROP COLUMN escalations, DROP COLUMN phase_entered_at;
    `);
  }
}
