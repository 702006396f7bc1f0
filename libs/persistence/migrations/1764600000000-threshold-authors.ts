import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Coordinators now set their ambito's thresholds through the API: keep who made each change. */
export class ThresholdAuthors1764600000000 implements MigrationInterface {
  name = 'ThresholdAuthors1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE supervision_thresholds ADD COLUMN updated_by uuid REFERENCES users(id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE supervision_thresholds DROP COLUMN updated_by');
  }
}
