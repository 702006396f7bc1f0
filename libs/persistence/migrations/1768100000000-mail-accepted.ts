import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Message-ID the SMTP server accepted for an e-mail whose record has not committed yet. A worker notes it
 * here (and on the job in Redis) as soon as the server answers, so that whoever sends the message next — the
 * job retried, or put back by the reconciler after Redis lost it — records it instead of sending it again.
 */
export class MailAccepted1768100000000 implements MigrationInterface {
  name = 'MailAccepted1768100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE mail_outbox ADD COLUMN accepted_message_id text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE mail_outbox DROP COLUMN accepted_message_id');
  }
}
