import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The household (nucleo familiare): a person linked to another of the ambito, with the relationship of the
 * member to the person and the dates it holds; one row per link, read from either side. Ending a link sets
 * `valid_to`; nothing is deleted, so the household of any past date can be read back.
 */
export class Household1766100000001 implements MigrationInterface {
  name = 'Household1766100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE household_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ambito text NOT NULL,
        person_id uuid NOT NULL REFERENCES persons(id),
        member_id uuid NOT NULL REFERENCES persons(id),
        relationship text NOT NULL,
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to >= valid_from),
        created_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        CHECK (person_id <> member_id)
      );
      CREATE INDEX household_links_person_idx ON household_links (person_id);
      CREATE INDEX household_links_member_idx ON household_links (member_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE household_links');
  }
}
