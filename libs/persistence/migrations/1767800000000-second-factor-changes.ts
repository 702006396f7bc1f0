import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every time a user's second factor was turned on or off: by the user (turning it off, proved by their
 * password or a current code) or by an amministratore's reset. Append-only, like the audit log.
 */
export class SecondFactorChanges1767800000000 implements MigrationInterface {
  name = 'SecondFactorChanges1767800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE second_factor_changes (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        at timestamptz NOT NULL DEFAULT now(),
        changed_by uuid NOT NULL REFERENCES users(id),
        change text NOT NULL CHECK (change IN ('attivata', 'disattivata')),
        proof text CHECK (proof IN ('password', 'codice', 'amministratore')),
        CHECK ((change = 'disattivata') = (proof IS NOT NULL))
      );
      CREATE INDEX second_factor_changes_user ON second_factor_changes (user_id, at);
      CREATE FUNCTION second_factor_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'second_factor_changes is append-only';
      END $$;
      CREATE TRIGGER second_factor_changes_append_only BEFORE UPDATE OR DELETE ON second_factor_changes
        FOR EACH ROW EXECUTE FUNCTION second_factor_changes_append_only();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE second_factor_changes;
      DROP FUNCTION second_factor_changes_append_only();
    `);
  }
}
