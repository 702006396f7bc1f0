import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every login is a session row, whether the browser keeps it in a cookie or an API client as a bearer
 * token: the token names its row, and a request is served only while the row is open, so logout,
 * deactivation, a new password, a lockout or an amministratore end it at once.
 */
export class Sessions1767200000000 implements MigrationInterface {
  name = 'Sessions1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL CHECK (kind IN ('browser', 'bearer')),
        csrf_token text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text CHECK (end_reason IN ('logout', 'deactivated', 'password_changed', 'revoked', 'locked')),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL)),
        CHECK ((kind = 'browser') = (csrf_token IS NOT NULL))
      );
      CREATE INDEX sessions_open_by_user_idx ON sessions (user_id) WHERE ended_at IS NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE sessions');
  }
}
