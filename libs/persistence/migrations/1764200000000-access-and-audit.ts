import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessAndAudit1764200000000 implements MigrationInterface {
  name = 'AccessAndAudit1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cases
        ADD COLUMN member_organisations text[] NOT NULL DEFAULT '{}',
        ADD COLUMN responsabile_user_id text;
      CREATE INDEX cases_member_organisations_idx ON cases USING gin (member_organisations);
      CREATE INDEX cases_responsabile_idx ON cases (responsabile_user_id);
      CREATE INDEX cases_referring_organisation_idx ON cases (referring_organisation_id);

      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        case_id uuid REFERENCES cases(id),
        action text NOT NULL,
        fields text[] NOT NULL,
        purpose text NOT NULL
      );
      CREATE INDEX audit_log_case_idx ON audit_log (case_id, at);
      CREATE INDEX audit_log_user_idx ON audit_log (user_id, at);
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

      ALTER TABLE users
        ADD COLUMN failed_logins integer NOT NULL DEFAULT 0,
        ADD COLUMN locked_until timestamptz;
    `);
    // Backfilled from the snapshot with the statechart's definition of membership in this release (frozen:
    // a migration imports no live code): assessors, meeting participants, the responsabile's organisation
    // and the organisations responsible for plan actions.
    await queryRunner.query(`
      UPDATE cases SET responsabile_user_id = snapshot #>> '{context,responsabile,userId}',
        member_organisations = ARRAY(
          SELECT DISTINCT organisation COLLATE "C" FROM (
            SELECT a ->> 'organisationId' FROM jsonb_array_elements(coalesce(snapshot #> '{context,assessors}', '[]')) a
            UNION ALL
            SELECT p ->> 'organisationId'
            FROM jsonb_array_elements(coalesce(snapshot #> '{context,meetings}', '[]')) m,
                 jsonb_array_elements(m -> 'participants') p
            UNION ALL
            SELECT snapshot #>> '{context,responsabile,organisationId}'
            UNION ALL
            SELECT x #>> '{responsibleOrganisation,organisationId}'
            FROM jsonb_array_elements(coalesce(snapshot #> '{context,plan,actions}', '[]')) x
          ) AS member (organisation)
          WHERE organisation IS NOT NULL ORDER BY 1)
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users DROP COLUMN locked_until, DROP COLUMN failed_logins;
      DROP TABLE audit_log;
      DROP FUNCTION audit_log_is_append_only();
      ALTER TABLE cases DROP COLUMN responsabile_user_id, DROP COLUMN member_organisations;
    `);
  }
}
