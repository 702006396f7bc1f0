import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A rectification (GDPR art. 16) is a change of the person's record of its own kind in person_changes. */
export class PersonRectification1766100000002 implements MigrationInterface {
  name = 'PersonRectification1766100000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE person_changes DROP CONSTRAINT person_changes_source_check;
      ALTER TABLE person_changes ADD CONSTRAINT person_changes_source_check
        CHECK (source IN ('segnalazione', 'codice_fiscale', 'unione', 'rettifica'));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM person_changes WHERE source = 'rettifica';
      ALTER TABLE person_changes DROP CONSTRAINT person_changes_source_check;
      ALTER TABLE person_changes ADD CONSTRAINT person_changes_source_check
        CHECK (source IN ('segnalazione', 'codice_fiscale', 'unione'));
    `);
  }
}
