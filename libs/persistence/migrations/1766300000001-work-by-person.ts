import type { MigrationInterface, QueryRunner } from 'typeorm';

/** "Mine" in the case list and Le mie attività start from one person's cases as a worker. */
export class WorkByPerson1766300000001 implements MigrationInterface {
  name = 'WorkByPerson1766300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX case_workers_user_idx ON case_workers (user_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX case_workers_user_idx');
  }
}
