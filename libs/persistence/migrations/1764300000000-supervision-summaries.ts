import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The service's time zone for months (frozen here: a migration imports no live code). */
const SERVICE_TIME_ZONE = 'Europe/Rome';

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
    // Each open case's facts from its snapshot, as the chart of this release defined them: the deadlines
    // its current states own (state entry, or the last meeting's date), its assessors during valutazione
    // and its responsabile.
    await queryRunner.query(`
      UPDATE cases SET escalations = jsonb_array_length(coalesce(snapshot #> '{context,escalations}', '[]'));
      INSERT INTO case_deadlines (case_id, deadline_key, ambito, starts_at)
      SELECT c.id, d.key, c.ambito,
             CASE d.anchor WHEN 'meeting_date' THEN (c.snapshot #> '{context,meetings}' -> -1 ->> 'date')::timestamptz
                           ELSE (c.snapshot #> '{context,enteredAt}' ->> d.state)::timestamptz END
      FROM cases c
      JOIN (VALUES ('segnalazione.inviata', 'triage', 'state_entry'), ('valutazione', 'valutazione', 'state_entry'),
                   ('equipe.primo_livello', 'equipe_primo_livello', 'state_entry'),
                   ('equipe.primo_livello.convocata', 'riunione_primo_livello', 'meeting_date'),
                   ('equipe.secondo_livello', 'equipe_secondo_livello', 'state_entry'),
                   ('equipe.secondo_livello.convocata', 'riunione_secondo_livello', 'meeting_date'),
                   ('pais', 'sottoscrizione_pais', 'state_entry'), ('monitoraggio.attivo', 'verifica_periodica', 'state_entry')
           ) AS d (state, key, anchor) ON c.state = d.state OR c.state LIKE d.state || '.%'
      WHERE c.phase <> 'esito'
        AND CASE d.anchor WHEN 'meeting_date' THEN c.snapshot #> '{context,meetings}' -> -1 ->> 'date'
                          ELSE c.snapshot #> '{context,enteredAt}' ->> d.state END IS NOT NULL;
      INSERT INTO case_workers (case_id, user_id, ambito, responsabile)
      SELECT c.id, a ->> 'userId', c.ambito, false
      FROM cases c, jsonb_array_elements(c.snapshot #> '{context,assessors}') a
      WHERE c.phase = 'valutazione' AND a ->> 'userId' IS DISTINCT FROM c.snapshot #>> '{context,responsabile,userId}'
      UNION
      SELECT c.id, c.snapshot #>> '{context,responsabile,userId}', c.ambito, true
      FROM cases c WHERE c.phase <> 'esito' AND c.snapshot #>> '{context,responsabile,userId}' IS NOT NULL;
    `);
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
