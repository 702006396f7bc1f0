import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents on a case. The bytes sit in a table of their own, so that listing a case's documents never
 * reads them, and so that another store can replace that table alone.
 */
export class CaseDocuments1766400000001 implements MigrationInterface {
  name = 'CaseDocuments1766400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_documents (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        kind text NOT NULL,
        category text NOT NULL CHECK (category IN ('comuni', 'particolari', 'giudiziari')),
        description text,
        filename text NOT NULL,
        media_type text NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL
      );
      CREATE INDEX case_documents_case_idx ON case_documents (case_id, uploaded_at DESC);
      CREATE TABLE document_contents (
        document_id uuid PRIMARY KEY REFERENCES case_documents(id) ON DELETE CASCADE,
        content bytea NOT NULL
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE document_contents; DROP TABLE case_documents;');
  }
}
