import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Territory administration: a user can be deactivated (no login, no token works, named in no picker), and
 * every change an amministratore makes to the ambito's deadline rules is kept with who, when, old and new.
 */
export class TerritoryAdministration1765150000000 implements MigrationInterface {
  name = 'TerritoryAdministration1765150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;
      ALTER TABLE deadline_overrides ADD COLUMN updated_by uuid REFERENCES users(id);
      CREATE TABLE deadline_override_changes (
        id bigserial PRIMARY KEY,
        ambito text NOT NULL,
        deadline_key text NOT NULL,
        changed_at timestamptz NOT NULL,
        changed_by uuid NOT NULL REFERENCES users(id),
        old_after_days integer,
        old_reminder_days integer[],
        new_after_days integer,
        new_reminder_days integer[],
        cases_replanned integer NOT NULL
      );
      CREATE INDEX deadline_override_changes_ambito_idx ON deadline_override_changes (ambito, changed_at);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE deadline_override_changes;
      ALTER TABLE deadline_overrides DROP COLUMN updated_by;
      ALTER TABLE users DROP COLUMN active;
    `);
  }
}
