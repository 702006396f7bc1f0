import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP as a second factor for local accounts: the shared secret (once confirmed), the one being enrolled,
 * the last time step accepted (a code opens one login only), single-use recovery codes kept as hashes, and
 * sessions of a user who must enrol and has not yet (they may do nothing else).
 */
export class SecondFactor1767200000001 implements MigrationInterface {
  name = 'SecondFactor1767200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_pending_secret text,
        ADD COLUMN totp_last_step bigint;
      CREATE TABLE recovery_codes (
        user_id uuid NOT NULL REFERENCES users(id),
        code_hash text NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      );
      ALTER TABLE sessions ADD COLUMN must_enrol boolean NOT NULL DEFAULT false;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE sessions DROP COLUMN must_enrol;
      DROP TABLE recovery_codes;
      ALTER TABLE users DROP COLUMN totp_secret, DROP COLUMN totp_pending_secret, DROP COLUMN totp_last_step;
    `);
  }
}
