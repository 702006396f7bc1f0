import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The diary of each case (diario del percorso): every version of every entry, appended and never changed,
 * so an edit keeps the earlier text. An entry is its versions; the newest is what it says now. Two edits
 * of the same version collide on the primary key: one wins, the other is told.
 */
export class CaseDiary1766200000000 implements MigrationInterface {
  name = 'CaseDiary1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE diary_versions (
        entry_id uuid NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        case_id uuid NOT NULL REFERENCES cases(id),
        occurred_on date NOT NULL,
        category text NOT NULL CHECK (category IN ('comuni', 'particolari', 'giudiziari')),
        body text NOT NULL,
        written_by uuid NOT NULL REFERENCES users(id),
        written_at timestamptz NOT NULL,
        PRIMARY KEY (entry_id, version)
      );
      CREATE INDEX diary_versions_case_idx ON diary_versions (case_id, entry_id, version DESC);
      CREATE FUNCTION diary_versions_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'diary_versions is append-only';
      END $$;
      CREATE TRIGGER diary_versions_append_only BEFORE UPDATE OR DELETE ON diary_versions
        FOR EACH ROW EXECUTE FUNCTION diary_versions_are_append_only();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE diary_versions;
      DROP FUNCTION diary_versions_are_append_only();
    `);
  }
}
