import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every pending deadline moment (reminder, expiry, follow-up) as a row: PostgreSQL is where a pending
 * deadline lives, and the worker's promoter copies into BullMQ only what falls due within its horizon. A row
 * stays until its state entry is left (deleted with it) and records when it fired, so a re-plan under a
 * changed rule never moves a moment that already went out and a lost Redis is refilled without doubles.
 *
 * The running cases of an existing installation had their moments only in Redis: their last planned outbox
 * row is relayed once more (without its notices, which went out), which writes their rows with the same
 * deterministic ids; a moment already in Redis is not added twice, and one that already fired is sent
 * nothing twice (each e-mail's idempotency key is recorded in `notifications`).
 */
export class DeadlineTimers1767300000000 implements MigrationInterface {
  name = 'DeadlineTimers1767300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE deadline_timers (
        job_id text PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        run_at timestamptz NOT NULL,
        job jsonb NOT NULL,
        promoted_at timestamptz,
        fired_at timestamptz
      );
      CREATE INDEX deadline_timers_case_idx ON deadline_timers (case_id);
      CREATE INDEX deadline_timers_due_idx ON deadline_timers (run_at) WHERE fired_at IS NULL AND promoted_at IS NULL;
      CREATE INDEX deadline_timers_promoted_idx ON deadline_timers (job_id) WHERE fired_at IS NULL AND promoted_at IS NOT NULL;

      -- Each reconciliation that had to put jobs back into Redis: how many it checked and re-created.
      CREATE TABLE deadline_reconciliations (
        id bigserial PRIMARY KEY,
        reconciled_at timestamptz NOT NULL,
        checked integer NOT NULL,
        recreated integer NOT NULL
      );

      UPDATE outbox SET sent_at = NULL, payload = payload - 'notices'
      WHERE id IN (
        SELECT last.id FROM (
          SELECT DISTINCT ON (case_id) id, sent_at, payload FROM outbox WHERE kind <> 'notice'
          ORDER BY case_id, seq DESC
        ) last
        WHERE last.sent_at IS NOT NULL AND jsonb_array_length(coalesce(last.payload->'deadlines', '[]')) > 0
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE deadline_reconciliations; DROP TABLE deadline_timers');
  }
}
