import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each user reads their own messages, newest first. */
export class NotificationsByRecipient1766400000000 implements MigrationInterface {
  name = 'NotificationsByRecipient1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX notifications_recipient_idx ON notifications (recipient_user_id, id DESC)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX notifications_recipient_idx');
  }
}
