import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadlinesAndNotifications1764100000000 implements MigrationInterface {
  name = 'DeadlinesAndNotifications1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE deadline_overrides (
        ambito text NOT NULL,
        deadline_key text NOT NULL,
        after_days integer CHECK (after_days >= 0),
        reminder_days integer[],
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ambito, deadline_key)
      );
      CREATE TABLE deadline_expirations (
        case_id uuid NOT NULL REFERENCES cases(id),
        deadline_key text NOT NULL,
        starts_at timestamptz NOT NULL,
        state text NOT NULL,
        due_at timestamptz NOT NULL,
        expired_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, deadline_key, starts_at)
      );
      CREATE INDEX deadline_expirations_expired_idx ON deadline_expirations (expired_at);
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        case_id uuid NOT NULL REFERENCES cases(id),
        kind text NOT NULL,
        deadline_key text,
        recipient_user_id uuid REFERENCES users(id),
        recipient_email text NOT NULL,
        subject text NOT NULL,
        smtp_message_id text,
        sent_at timestamptz NOT NULL
      );
      CREATE INDEX notifications_case_idx ON notifications (case_id, sent_at);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TABLE notifications; DROP TABLE deadline_expirations; DROP TABLE deadline_overrides;',
    );
  }
}
