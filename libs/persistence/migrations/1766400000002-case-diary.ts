import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The diary of the percorso: an entry per note, a row per version of its text (an edit adds one). */
export class CaseDiary1766400000002 implements MigrationInterface {
  name = 'CaseDiary1766400000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_diary_entries (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        entry_date date NOT NULL,
        category text NOT NULL CHECK (category IN ('comuni', 'particolari', 'giudiziari')),
        author_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL
      );
      CREATE INDEX case_diary_entries_case_idx ON case_diary_entries (case_id, entry_date DESC);
      CREATE TABLE case_diary_versions (
        entry_id uuid NOT NULL REFERENCES case_diary_entries(id) ON DELETE CASCADE,
        version integer NOT NULL,
        text text NOT NULL,
        written_at timestamptz NOT NULL,
        PRIMARY KEY (entry_id, version)
      );
      CREATE FUNCTION case_diary_versions_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a diary entry''s earlier text is kept: add a version instead';
      END $$;
      CREATE TRIGGER case_diary_versions_kept BEFORE UPDATE ON case_diary_versions
        FOR EACH ROW EXECUTE FUNCTION case_diary_versions_are_kept();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE case_diary_versions;
      DROP TABLE case_diary_entries;
      DROP FUNCTION case_diary_versions_are_kept();
    `);
  }
}
