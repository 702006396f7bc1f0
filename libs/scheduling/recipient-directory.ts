// Who a deadline names, as people with an e-mail address.
import type { DataSource } from 'typeorm';
import type { CaseContext, Recipient } from '../../workflows/case/index.js';

export interface MailRecipient {
  userId: string;
  email: string;
  fullName: string;
}

export class RecipientDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async resolve(recipients: Recipient[], context: CaseContext, ambito: string): Promise<MailRecipient[]> {
    const userIds = new Set<string>();
    const organisationIds = new Set<string>();
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
    const rows: { id: string; email: string; full_name: string }[] = await this.dataSource.query(
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
