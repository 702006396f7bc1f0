import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whose claim on a waiting e-mail it is (`claimed_by`, a token of one sending attempt): the worker renews its
 * claim while it sends and records a message, and a renewal or a release of a claim that another worker has
 * taken since does nothing. The Message-ID noted on the row (`accepted_message_id`) goes: a worker now records
 * the message itself as soon as the server accepts it, trying again while PostgreSQL is unavailable. A message
 * noted as accepted by an earlier worker is recorded sent here, as that worker's successor would have done.
 */
export class MailClaimOwner1768300000000 implements MigrationInterface {
  name = 'MailClaimOwner1768300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO notifications (idempotency_key, case_id, kind, deadline_key, recipient_user_id, recipient_email,
                                 subject, smtp_message_id, sent_at)
      SELECT idempotency_key, (job->>'caseId')::uuid, job->>'kind', job->>'deadlineKey',
             (job->'recipient'->>'userId')::uuid, job->'recipient'->>'email', job->>'subject',
             accepted_message_id, now()
      FROM mail_outbox WHERE accepted_message_id IS NOT NULL
      ON CONFLICT (idempotency_key) DO NOTHING;
      DELETE FROM mail_outbox WHERE accepted_message_id IS NOT NULL;
      ALTER TABLE mail_outbox DROP COLUMN accepted_message_id, ADD COLUMN claimed_by uuid;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE mail_outbox DROP COLUMN claimed_by, ADD COLUMN accepted_message_id text',
    );
  }
}
