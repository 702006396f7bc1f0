import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every e-mail queued and not yet sent, as a row: a reminder fired or a notice relayed whose mail job Redis
 * then lost (restarted without persistence, flushed) is put back by the reconciler instead of never going
 * out. The row is deleted in the transaction that records the message sent (`notifications`); while a
 * worker sends it, `claimed_until` keeps a second job of the same message from sending it at the same time.
 */
export class MailOutbox1767600000000 implements MigrationInterface {
  name = 'MailOutbox1767600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mail_outbox (
        idempotency_key text PRIMARY KEY,
        job jsonb NOT NULL,
        queued_at timestamptz NOT NULL,
        claimed_until timestamptz
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE mail_outbox');
  }
}
