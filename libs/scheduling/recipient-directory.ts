// Who a deadline names, as people with an e-mail address.
import type { DataSource, EntityManager } from 'typeorm';
import type { CaseContext, Recipient } from '../../workflows/case/index.js';

export interface MailRecipient {
  userId: string;
  email: string;
  fullName: string;
}

export class RecipientDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * `named` adds people and organisations a change names itself; `db` is the caller's connection when it
   * holds a transaction (the embedded database has one session).
   */
  async resolve(
    recipients: Recipient[],
    context: CaseContext,
    ambito: string,
    named: { userIds: string[]; organisationIds: string[] } = { userIds: [], organisationIds: [] },
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<MailRecipient[]> {
    const userIds = new Set<string>(named.userIds);
    const organisationIds = new Set<string>(named.organisationIds);
    let coordinators = false;
    for (const recipient of recipients) {
      if (recipient === 'coordinatore' || recipient === 'supervisore') coordinators = true;
      if (recipient === 'valutatori') context.assessors.forEach((assessor) => userIds.add(assessor.userId));
      if (recipient === 'responsabile' && context.responsabile) userIds.add(context.responsabile.userId);
      if (recipient === 'partecipanti_equipe') {
        context.meetings
          .at(-1)
          ?.participants.forEach((participant) => organisationIds.add(participant.organisationId));
      }
    }
    const rows: { id: string; email: string; full_name: string }[] = await db.query(
      `SELECT DISTINCT u.id, u.email, u.full_name
       FROM users u JOIN organisations o ON o.id = u.organisation_id
       WHERE u.active AND (u.id::text = ANY($1)
          OR (o.id::text = ANY($2) AND u.role IN ('operatore', 'coordinatore'))
          OR ($3 AND o.ambito = $4 AND u.role = 'coordinatore'))
       ORDER BY u.email`,
      [[...userIds], [...organisationIds], coordinators, ambito],
    );
    return rows.map((row) => ({ userId: row.id, email: row.email, fullName: row.full_name }));
  }
}
