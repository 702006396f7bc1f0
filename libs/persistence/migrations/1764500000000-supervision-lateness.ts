import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per open case with the moment it becomes late ("late from": the earliest due moment of its
 * running deadlines and of its state's threshold, under its ambito's rules), copied onto the case's worker
 * rows, so that the stuck list is an ordered range read of one index and workload one index-only read,
 * instead of working out lateness for every open case on each request.
 *
 * The rules live in the database (the chart's defaults copied into supervision_default_rules, the ambito's
 * deadline_overrides and supervision_thresholds) and one function, supervision_lateness, applies them: the
 * transition statement calls it for the case it writes, and a trigger on each rules table calls it again
 * for every open case of the ambito whose rules changed. The trigger first locks case_lateness against
 * writers, so a transition running at the same moment either finishes before the recompute (which then
 * sees it) or starts after the new rules are committed (and uses them).
 */
export class SupervisionLateness1764500000000 implements MigrationInterface {
  name = 'SupervisionLateness1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE supervision_default_rules (
        kind text NOT NULL CHECK (kind IN ('deadline', 'threshold')),
        key text NOT NULL,
        after_days integer NOT NULL CHECK (after_days >= 0),
        PRIMARY KEY (kind, key)
      );

      CREATE TABLE case_lateness (
        case_id uuid PRIMARY KEY REFERENCES cases(id),
        ambito text NOT NULL,
        phase text NOT NULL,
        state text NOT NULL,
        state_entered_at timestamptz NOT NULL,
        referring_organisation_id uuid NOT NULL,
        responsabile_user_id text,
        late_from timestamptz
      );
      CREATE INDEX case_lateness_late_from_idx ON case_lateness (ambito, late_from, case_id)
        INCLUDE (phase, referring_organisation_id, responsabile_user_id) WHERE late_from IS NOT NULL;

      -- Each worker row carries its case's "late from" too, so workload is one index-only read of the
      -- ambito's workers, with no join.
      ALTER TABLE case_workers ADD COLUMN late_from timestamptz;
      DROP INDEX case_workers_ambito_idx;
      CREATE INDEX case_workers_workload_idx ON case_workers (ambito, user_id) INCLUDE (responsabile, late_from);

      -- Each rule that applies to a case in this state with these running deadlines, and when it is due.
      -- Late means strictly after that moment. Days are 24-hour days, as the chart adds them.
      CREATE FUNCTION supervision_lateness(
        p_ambito text, p_state text, p_state_entered_at timestamptz,
        p_deadline_keys text[], p_deadline_starts timestamptz[]
      ) RETURNS TABLE (reason text, late_from timestamptz) LANGUAGE sql STABLE AS $$
        SELECT d.key, d.starts_at + make_interval(hours => 24 * coalesce(o.after_days, r.after_days))
        FROM unnest(p_deadline_keys, p_deadline_starts) AS d (key, starts_at)
        JOIN supervision_default_rules r ON r.kind = 'deadline' AND r.key = d.key
        LEFT JOIN deadline_overrides o
          ON o.ambito = p_ambito AND o.deadline_key = d.key AND o.after_days IS NOT NULL
        UNION ALL
        -- An ambito's threshold row wins over the default, even when it is empty (no threshold at all).
        SELECT 'soglia', p_state_entered_at + make_interval(hours => 24 * threshold.days)
        FROM (
          SELECT CASE WHEN t.state IS NOT NULL THEN t.after_days ELSE r.after_days END AS days
          FROM (SELECT) AS one
          LEFT JOIN supervision_thresholds t ON t.ambito = p_ambito AND t.state = p_state
          LEFT JOIN supervision_default_rules r ON r.kind = 'threshold' AND r.key = p_state
        ) AS threshold
        WHERE threshold.days IS NOT NULL
      $$;

      CREATE FUNCTION supervision_late_from(
        p_ambito text, p_state text, p_state_entered_at timestamptz,
        p_deadline_keys text[], p_deadline_starts timestamptz[]
      ) RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT min(late_from)
        FROM supervision_lateness(p_ambito, p_state, p_state_entered_at, p_deadline_keys, p_deadline_starts)
      $$;

      -- NULL: every ambito (a default changed).
      CREATE FUNCTION supervision_recompute_lateness(p_ambito text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE case_lateness IN SHARE ROW EXCLUSIVE MODE;
        UPDATE case_lateness stored SET late_from = recomputed.late_from
        FROM (
          SELECT l.case_id, supervision_late_from(l.ambito, l.state, l.state_entered_at,
                   ARRAY(SELECT d.deadline_key FROM case_deadlines d WHERE d.case_id = l.case_id ORDER BY d.deadline_key),
                   ARRAY(SELECT d.starts_at FROM case_deadlines d WHERE d.case_id = l.case_id ORDER BY d.deadline_key)
                 ) AS late_from
          FROM case_lateness l WHERE p_ambito IS NULL OR l.ambito = p_ambito
        ) AS recomputed
        WHERE stored.case_id = recomputed.case_id AND stored.late_from IS DISTINCT FROM recomputed.late_from;
        UPDATE case_workers w SET late_from = l.late_from
        FROM case_lateness l
        WHERE l.case_id = w.case_id AND (p_ambito IS NULL OR w.ambito = p_ambito)
          AND w.late_from IS DISTINCT FROM l.late_from;
      END $$;

      -- Statement triggers with the changed rows, so that an upsert that changes nothing recomputes nothing.
      CREATE FUNCTION supervision_ambito_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed_ambito text;
      BEGIN
        -- An UPDATE may move a row to another ambito: both the ambito it left and the one it joined change.
        IF TG_OP = 'UPDATE' THEN
          FOR changed_ambito IN SELECT ambito FROM changed UNION SELECT ambito FROM previous LOOP
            PERFORM supervision_recompute_lateness(changed_ambito);
          END LOOP;
        ELSE
          FOR changed_ambito IN SELECT DISTINCT ambito FROM changed LOOP
            PERFORM supervision_recompute_lateness(changed_ambito);
          END LOOP;
        END IF;
        RETURN NULL;
      END $$;

      CREATE FUNCTION supervision_default_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM changed) THEN
          PERFORM supervision_recompute_lateness(NULL);
        END IF;
        RETURN NULL;
      END $$;
    `);
    for (const table of ['deadline_overrides', 'supervision_thresholds', 'supervision_default_rules']) {
      const handler =
        table === 'supervision_default_rules'
          ? 'supervision_default_rules_changed'
          : 'supervision_ambito_rules_changed';
      await queryRunner.query(`
        CREATE TRIGGER ${table}_inserted_lateness AFTER INSERT ON ${table}
          REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${handler}();
        CREATE TRIGGER ${table}_updated_lateness AFTER UPDATE ON ${table}
          REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${handler}();
        CREATE TRIGGER ${table}_deleted_lateness AFTER DELETE ON ${table}
          REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${handler}();
      `);
    }
    // The chart's defaults when this migration was written (frozen: a migration imports no live code).
    await queryRunner.query(`
      INSERT INTO supervision_default_rules (kind, key, after_days) VALUES
        ('deadline', 'triage', 10), ('deadline', 'valutazione', 30), ('deadline', 'equipe_primo_livello', 20),
        ('deadline', 'riunione_primo_livello', 0), ('deadline', 'equipe_secondo_livello', 20),
        ('deadline', 'riunione_secondo_livello', 0), ('deadline', 'sottoscrizione_pais', 30),
        ('deadline', 'verifica_periodica', 90),
        ('threshold', 'segnalazione.inviata', 10), ('threshold', 'valutazione.da_assegnare', 30),
        ('threshold', 'valutazione.in_corso', 30), ('threshold', 'equipe.primo_livello.da_convocare', 20),
        ('threshold', 'equipe.primo_livello.convocata', 20), ('threshold', 'equipe.secondo_livello.da_convocare', 20),
        ('threshold', 'equipe.secondo_livello.convocata', 20), ('threshold', 'pais.in_redazione', 30),
        ('threshold', 'pais.da_sottoscrivere', 30), ('threshold', 'monitoraggio.attivo', 90)
    `);
    await queryRunner.query(`
      INSERT INTO case_lateness (case_id, ambito, phase, state, state_entered_at, referring_organisation_id,
                                 responsabile_user_id)
      SELECT id, ambito, phase, state, state_entered_at, referring_organisation_id, responsabile_user_id
      FROM cases WHERE phase <> 'esito';
      SELECT supervision_recompute_lateness(NULL);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['deadline_overrides', 'supervision_thresholds', 'supervision_default_rules']) {
      await queryRunner.query(`
        DROP TRIGGER ${table}_inserted_lateness ON ${table};
        DROP TRIGGER ${table}_updated_lateness ON ${table};
        DROP TRIGGER ${table}_deleted_lateness ON ${table};
      `);
    }
    await queryRunner.query(`
      DROP FUNCTION supervision_default_rules_changed();
      DROP FUNCTION supervision_ambito_rules_changed();
      DROP FUNCTION supervision_recompute_lateness(text);
      DROP FUNCTION supervision_late_from(text, text, timestamptz, text[], timestamptz[]);
      DROP FUNCTION supervision_lateness(text, text, timestamptz, text[], timestamptz[]);
      DROP TABLE case_lateness;
      DROP TABLE supervision_default_rules;
      DROP INDEX case_workers_workload_idx;
      ALTER TABLE case_workers DROP COLUMN late_from;
      CREATE INDEX case_workers_ambito_idx ON case_workers (ambito, user_id) INCLUDE (responsabile);
    `);
  }
}
