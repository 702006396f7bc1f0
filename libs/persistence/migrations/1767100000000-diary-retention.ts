import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The diary's notes may name the person, so the nightly retention deletes them with her other documents
 * (libs/access/retention.ts). The table stays append-only for everything else: the trigger lets a DELETE
 * through only in a transaction that said it is the retention's, with the transaction-local setting
 * percorsi.retention = 'on' (set_config(…, true)), and refuses every UPDATE as before.
 *
 * Why a setting rather than a SECURITY DEFINER function: the API, the worker and the migrations connect as
 * one role, which owns the table, so a definer function would run as that same role and the trigger could
 * not tell its DELETE from any other. The setting is what the trigger can see; being local to the
 * transaction it ends with it, so a pooled connection never carries it into another request.
 */
export class DiaryRetention1767100000000 implements MigrationInterface {
  name = 'DiaryRetention1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION diary_versions_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('percorsi.retention', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'diary_versions is append-only';
      END $$;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION diary_versions_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'diary_versions is append-only';
      END $$;
    `);
  }
}
