import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One person, many percorsi. A person becomes a record of the ambito, found by codice fiscale:
 * - persons.ambito, and a unique index on (ambito, codice_fiscale) that referrals insert against with
 *   ON CONFLICT, so two racing referrals of one code find one person; merged records leave the index;
 * - a person may have no codice fiscale yet (then sex and birthplace identify her beside name and birth
 *   date); birthplace_code is the Belfiore code the birthplace resolved to;
 * - person_changes: every change of a person's record (who, when, old, new, why), also the values a
 *   referral brought that were not applied (identity is never overwritten by a referral);
 * - person_merges: which record was merged into which, by whom, why, and the percorsi that moved;
 * - cases.previous_case_id: the closed percorso a new referral continues;
 * - (ambito, birth_date) finds the possible duplicates of a person without a code: a handful of rows per
 *   birth date, which pg_trgm's similarity() then compares by name.
 * Until now every referral made a person: the records of one code in one ambito become one (the oldest),
 * recorded as merges by the system.
 */
export class Anagrafica1766100000000 implements MigrationInterface {
  name = 'Anagrafica1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE persons
        ADD COLUMN ambito text,
        ADD COLUMN sex text CHECK (sex IN ('M', 'F')),
        ADD COLUMN birthplace text,
        ADD COLUMN birthplace_code text,
        ADD COLUMN citizenship text,
        ADD COLUMN merged_into uuid REFERENCES persons(id),
        ADD COLUMN version integer NOT NULL DEFAULT 1;
      UPDATE persons p SET ambito = c.ambito FROM cases c WHERE c.person_id = p.id;
      DELETE FROM persons p WHERE p.ambito IS NULL;
      ALTER TABLE persons ALTER COLUMN ambito SET NOT NULL, ALTER COLUMN codice_fiscale DROP NOT NULL;
      UPDATE persons SET codice_fiscale = NULL WHERE pseudonymised_at IS NOT NULL;

      CREATE TABLE person_changes (
        id bigserial PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES persons(id),
        at timestamptz NOT NULL,
        user_id uuid REFERENCES users(id),
        case_id uuid REFERENCES cases(id),
        source text NOT NULL CHECK (source IN ('segnalazione', 'codice_fiscale', 'unione')),
        field text NOT NULL,
        old_value text,
        new_value text,
        applied boolean NOT NULL
      );
      CREATE INDEX person_changes_person_idx ON person_changes (person_id, at, id);

      CREATE TABLE person_merges (
        id bigserial PRIMARY KEY,
        ambito text NOT NULL,
        survivor_id uuid NOT NULL REFERENCES persons(id),
        merged_id uuid NOT NULL UNIQUE REFERENCES persons(id),
        at timestamptz NOT NULL,
        user_id uuid REFERENCES users(id),
        reason text NOT NULL,
        case_ids uuid[] NOT NULL
      );
      CREATE INDEX person_merges_survivor_idx ON person_merges (survivor_id, at);

      CREATE TEMPORARY TABLE same_code AS
        SELECT id, ambito, first_value(id) OVER (PARTITION BY ambito, codice_fiscale ORDER BY created_at, id) AS survivor
        FROM persons WHERE codice_fiscale IS NOT NULL;
      DELETE FROM same_code WHERE id = survivor;
      INSERT INTO person_merges (ambito, survivor_id, merged_id, at, user_id, reason, case_ids)
        SELECT s.ambito, s.survivor, s.id, now(), NULL, 'stesso codice fiscale (anagrafica unica)',
               ARRAY(SELECT c.id FROM cases c WHERE c.person_id = s.id)
        FROM same_code s;
      UPDATE cases c SET person_id = s.survivor FROM same_code s WHERE c.person_id = s.id;
      UPDATE persons p SET merged_into = s.survivor FROM same_code s WHERE p.id = s.id;
      DROP TABLE same_code;

      DROP INDEX persons_codice_fiscale_idx;
      CREATE UNIQUE INDEX persons_codice_fiscale_key ON persons (ambito, codice_fiscale)
        WHERE codice_fiscale IS NOT NULL AND merged_into IS NULL;
      CREATE INDEX persons_birth_date_idx ON persons (ambito, birth_date)
        WHERE merged_into IS NULL AND pseudonymised_at IS NULL;

      ALTER TABLE cases ADD COLUMN previous_case_id uuid REFERENCES cases(id);
      CREATE INDEX cases_previous_idx ON cases (previous_case_id) WHERE previous_case_id IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cases DROP COLUMN previous_case_id;
      DROP INDEX persons_birth_date_idx;
      DROP INDEX persons_codice_fiscale_key;
      CREATE INDEX persons_codice_fiscale_idx ON persons (codice_fiscale);
      DROP TABLE person_merges;
      DROP TABLE person_changes;
      UPDATE persons SET codice_fiscale = 'SCONOSCIUTO' WHERE codice_fiscale IS NULL;
      ALTER TABLE persons ALTER COLUMN codice_fiscale SET NOT NULL;
      ALTER TABLE persons DROP COLUMN ambito, DROP COLUMN sex, DROP COLUMN birthplace, DROP COLUMN birthplace_code,
        DROP COLUMN citizenship, DROP COLUMN merged_into, DROP COLUMN version;
    `);
  }
}
