import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Pseudonymisation1764450000000 implements MigrationInterface {
  name = 'Pseudonymisation1764450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE persons ADD COLUMN pseudonymised_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE persons DROP COLUMN pseudonymised_at');
  }
}
