import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisations invited to the equipe meeting each case waits for, kept by the supervision projector with
 * every transition, so that "Le mie attività" finds an organisation's meetings by index instead of opening the
 * snapshot of every convened case of the ambito. Filled here from the snapshots of the cases waiting now.
 */
export class CaseInvitations1767900000000 implements MigrationInterface {
  name = 'CaseInvitations1767900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_invitations (
        case_id uuid NOT NULL REFERENCES cases(id),
        organisation_id text NOT NULL,
        meeting_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, organisation_id)
      );
      CREATE INDEX case_invitations_organisation_idx ON case_invitations (organisation_id, meeting_at, case_id);
      INSERT INTO case_invitations (case_id, organisation_id, meeting_at)
      SELECT DISTINCT c.id, p ->> 'organisationId', (m ->> 'date')::timestamptz
      FROM cases c
      CROSS JOIN LATERAL (SELECT c.snapshot #> '{context,meetings}' -> -1 AS m) AS last
      CROSS JOIN LATERAL jsonb_array_elements(last.m -> 'participants') AS p
      WHERE c.state LIKE '%.convocata' AND last.m IS NOT NULL AND NOT last.m ? 'held';
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_invitations`);
  }
}
