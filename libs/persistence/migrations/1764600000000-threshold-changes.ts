import type { MigrationInterface, QueryRunner } from 'typeorm';

const OPERATIONS = [
  { name: 'inserted', event: 'INSERT', tables: 'NEW TABLE AS changed' },
  { name: 'updated', event: 'UPDATE', tables: 'OLD TABLE AS previous NEW TABLE AS changed' },
  { name: 'deleted', event: 'DELETE', tables: 'OLD TABLE AS changed' },
];

function triggers(handler: string): string {
  return OPERATIONS.map(
    ({ name, event, tables }) => `
      DROP TRIGGER supervision_thresholds_${name}_lateness ON supervision_thresholds;
      CREATE TRIGGER supervision_thresholds_${name}_lateness AFTER ${event} ON supervision_thresholds
        REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION ${handler}();`,
  ).join('\n');
}

/**
 * Coordinators now set their ambito's thresholds through the API: keep who made each change, and recompute
 * "late from" only for the open cases in the states whose threshold changed, not the whole ambito (at
 * 60,000 open cases that is seconds during which transitions wait on the lock).
 */
export class ThresholdChanges1764600000000 implements MigrationInterface {
  name = 'ThresholdChanges1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE supervision_thresholds ADD COLUMN updated_by uuid REFERENCES users(id);

      CREATE FUNCTION supervision_recompute_lateness(p_ambito text, p_states text[]) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE case_lateness IN SHARE ROW EXCLUSIVE MODE;
        WITH recomputed AS (
          UPDATE case_lateness stored SET late_from = fresh.late_from
          FROM (
            SELECT l.case_id, supervision_late_from(l.ambito, l.state, l.state_entered_at,
                     ARRAY(SELECT d.deadline_key FROM case_deadlines d WHERE d.case_id = l.case_id ORDER BY d.deadline_key),
                     ARRAY(SELECT d.starts_at FROM case_deadlines d WHERE d.case_id = l.case_id ORDER BY d.deadline_key)
                   ) AS late_from
            FROM case_lateness l WHERE l.ambito = p_ambito AND l.state = ANY (p_states)
          ) AS fresh
          WHERE stored.case_id = fresh.case_id AND stored.late_from IS DISTINCT FROM fresh.late_from
          RETURNING stored.case_id, stored.late_from
        )
        UPDATE case_workers w SET late_from = recomputed.late_from
        FROM recomputed WHERE w.case_id = recomputed.case_id;
      END $$;

      -- A threshold belongs to one state: only the ambito's open cases in that state can change.
      CREATE FUNCTION supervision_thresholds_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target record;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          FOR target IN
            SELECT ambito, array_agg(DISTINCT state) AS states
            FROM (SELECT ambito, state FROM changed UNION SELECT ambito, state FROM previous) AS touched
            GROUP BY ambito
          LOOP
            PERFORM supervision_recompute_lateness(target.ambito, target.states);
          END LOOP;
        ELSE
          FOR target IN SELECT ambito, array_agg(DISTINCT state) AS states FROM changed GROUP BY ambito LOOP
            PERFORM supervision_recompute_lateness(target.ambito, target.states);
          END LOOP;
        END IF;
        RETURN NULL;
      END $$;
      ${triggers('supervision_thresholds_changed')}
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ${triggers('supervision_ambito_rules_changed')}
      DROP FUNCTION supervision_thresholds_changed();
      DROP FUNCTION supervision_recompute_lateness(text, text[]);
      ALTER TABLE supervision_thresholds DROP COLUMN updated_by;
    `);
  }
}
