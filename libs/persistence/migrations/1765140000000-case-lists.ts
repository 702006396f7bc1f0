import type { MigrationInterface, QueryRunner } from 'typeorm';

const RULE_TABLES = ['deadline_overrides', 'supervision_default_rules'];

/**
 * What the case list sorts, filters and searches by, each behind an index, so that a page is a short
 * range read at any size:
 * - persons.search_text: surname, name and codice fiscale, lower case and without accents ("Öztürk
 *   Ștefan" is "ozturk stefan"), kept by a trigger so every writer of persons keeps it right; a trigram
 *   index finds any part of it, and its byte order (COLLATE "C", the same on PGlite) sorts by person.
 * - cases.next_deadline_key / next_due_at: the case's earliest running deadline under its ambito's rules
 *   (supervision_lateness without the threshold), written by the transition statement and recomputed by
 *   the same triggers that recompute "late from" when a deadline rule changes.
 * - (updated_at, id) for the last activity, in one direction, so that a keyset cursor walks it both ways.
 */
export class CaseLists1765140000000 implements MigrationInterface {
  name = 'CaseLists1765140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE EXTENSION IF NOT EXISTS unaccent;

      -- The one normalisation of searched text, for the stored column and for the words searched alike.
      CREATE FUNCTION percorsi_search_fold(p_text text) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT lower(unaccent(p_text))
      $$;

      ALTER TABLE persons ADD COLUMN search_text text COLLATE "C";
      CREATE FUNCTION persons_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_text := percorsi_search_fold(
          concat_ws(' ', NEW.last_name, NEW.first_name, NEW.codice_fiscale));
        RETURN NEW;
      END $$;
      CREATE TRIGGER persons_search_text BEFORE INSERT OR UPDATE ON persons
        FOR EACH ROW EXECUTE FUNCTION persons_search_text();
      UPDATE persons SET search_text = NULL;
      ALTER TABLE persons ALTER COLUMN search_text SET NOT NULL;
      CREATE INDEX persons_search_trgm_idx ON persons USING gin (search_text gin_trgm_ops);
      CREATE INDEX persons_search_order_idx ON persons (search_text, id);

      ALTER TABLE cases ADD COLUMN next_deadline_key text, ADD COLUMN next_due_at timestamptz;
      DROP INDEX cases_updated_idx;
      CREATE INDEX cases_activity_idx ON cases (updated_at, id);
      CREATE INDEX cases_next_due_idx ON cases ((coalesce(next_due_at, 'infinity')), id);

      -- NULL: every ambito (a default changed). Waits for running transitions like the "late from" recompute.
      CREATE FUNCTION case_next_deadline_recompute(p_ambito text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE case_lateness IN SHARE ROW EXCLUSIVE MODE;
        UPDATE cases c SET next_deadline_key = fresh.key, next_due_at = fresh.due_at
        FROM (
          SELECT l.case_id, next.key, next.due_at
          FROM case_lateness l
          LEFT JOIN LATERAL (
            SELECT reason AS key, late_from AS due_at
            FROM supervision_lateness(l.ambito, l.state, l.state_entered_at,
                   ARRAY(SELECT d.deadline_key FROM case_deadlines d WHERE d.case_id = l.case_id ORDER BY d.deadline_key),
                   ARRAY(SELECT d.starts_at FROM case_deadlines d WHERE d.case_id = l.case_id ORDER BY d.deadline_key))
            WHERE reason <> 'soglia' ORDER BY late_from, reason LIMIT 1
          ) AS next ON true
          WHERE p_ambito IS NULL OR l.ambito = p_ambito
        ) AS fresh
        WHERE c.id = fresh.case_id
          AND (c.next_deadline_key, c.next_due_at) IS DISTINCT FROM (fresh.key, fresh.due_at);
      END $$;

      CREATE FUNCTION case_next_deadline_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed_ambito text;
      BEGIN
        IF TG_TABLE_NAME = 'supervision_default_rules' THEN
          IF EXISTS (SELECT 1 FROM changed) THEN
            PERFORM case_next_deadline_recompute(NULL);
          END IF;
        ELSIF TG_OP = 'UPDATE' THEN
          FOR changed_ambito IN SELECT ambito FROM changed UNION SELECT ambito FROM previous LOOP
            PERFORM case_next_deadline_recompute(changed_ambito);
          END LOOP;
        ELSE
          FOR changed_ambito IN SELECT DISTINCT ambito FROM changed LOOP
            PERFORM case_next_deadline_recompute(changed_ambito);
          END LOOP;
        END IF;
        RETURN NULL;
      END $$;
    `);
    for (const table of RULE_TABLES) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_inserted_next_deadline AFTER INSERT ON ${table}
          REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_next_deadline_rules_changed();
        CREATE TRIGGER ${table}_updated_next_deadline AFTER UPDATE ON ${table}
          REFERENCING OLD TABLE AS previous NEW TABLE AS changed
          FOR EACH STATEMENT EXECUTE FUNCTION case_next_deadline_rules_changed();
        CREATE TRIGGER ${table}_deleted_next_deadline AFTER DELETE ON ${table}
          REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_next_deadline_rules_changed();
      `);
    }
    await queryRunner.query('SELECT case_next_deadline_recompute(NULL)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of RULE_TABLES) {
      await queryRunner.query(`
        DROP TRIGGER ${table}_inserted_next_deadline ON ${table};
        DROP TRIGGER ${table}_updated_next_deadline ON ${table};
        DROP TRIGGER ${table}_deleted_next_deadline ON ${table};
      `);
    }
    await queryRunner.query(`
      DROP FUNCTION case_next_deadline_rules_changed();
      DROP FUNCTION case_next_deadline_recompute(text);
      DROP INDEX cases_next_due_idx;
      DROP INDEX cases_activity_idx;
      CREATE INDEX cases_updated_idx ON cases (updated_at DESC, id);
      ALTER TABLE cases DROP COLUMN next_due_at, DROP COLUMN next_deadline_key;
      DROP TRIGGER persons_search_text ON persons;
      DROP FUNCTION persons_search_text();
      ALTER TABLE persons DROP COLUMN search_text;
      DROP FUNCTION percorsi_search_fold(text);
    `);
  }
}
