import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The ambito's resource map: what plans can draw on, who offers it, how many places, until when. */
export class ResourceMap1765150000001 implements MigrationInterface {
  name = 'ResourceMap1765150000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE resources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ambito text NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        description text,
        owner_organisation_id uuid NOT NULL REFERENCES organisations(id),
        places integer CHECK (places >= 0),
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to >= valid_from),
        contact text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by uuid NOT NULL REFERENCES users(id)
      );
      CREATE INDEX resources_ambito_idx ON resources (ambito, kind, name);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE resources');
  }
}
