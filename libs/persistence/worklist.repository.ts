// The rows of an operator's worklist ("Le mie attività"): the running deadlines of the cases they work,
// the equipe meetings their organisation is invited to, and, for a coordinatore, the referrals awaiting
// triage. Read from the columns the projector keeps with each transition (next_due_at, responsabile,
// workers); each kind keeps only its soonest items before the page is put together.
import type { DataSource } from 'typeorm';
import { SqlParams } from '../common/index.js';
import type { ListVisibility } from './case.repository.js';

export type WorkKind = 'scadenza' | 'riunione' | 'firma' | 'verifica' | 'triage';

export interface WorklistQuery {
  userId: string;
  organisationId: string;
  /** Set for a coordinatore: their ambito's referrals awaiting triage are theirs too. */
  triageAmbito?: string;
  visibility: ListVisibility;
  /** Items due (or meetings held) before this moment; earlier ones are overdue and listed too. */
  until: Date;
  /** Which states and deadlines mean what, from the chart (see libs/engine/worklist.service.ts). */
  meaning: {
    signatureStates: string[];
    checkDeadlines: string[];
    triageStates: string[];
  };
  limit: number;
}

export interface WorkItem {
  kind: WorkKind;
  caseId: string;
  at: Date;
  deadlineKey: string | null;
  phase: string;
  state: string;
  person: { firstName: string; lastName: string };
}

export class WorklistRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The items, soonest (most overdue) first, and whether there were more than `limit`. */
  async worklist(query: WorklistQuery): Promise<{ items: WorkItem[]; more: boolean }> {
    const params = new SqlParams();
    const me = params.add(query.userId);
    const organisation = params.add(query.organisationId);
    const until = params.add(query.until);
    const { signatureStates, checkDeadlines, triageStates } = query.meaning;
    // Each branch keeps only its soonest items, visible ones: the person is read for the page alone.
    const visible = query.visibility.content(params);
    const limit = params.add(query.limit + 1);
    const soonest = (branch: string) => `(${branch} AND ${visible} ORDER BY 3, 2, 1 LIMIT ${limit})`;
    const branches = [
      `SELECT CASE WHEN c.state = ANY(${params.add(signatureStates)}::text[]) THEN 'firma'
                   WHEN c.next_deadline_key = ANY(${params.add(checkDeadlines)}::text[]) THEN 'verifica'
                   ELSE 'scadenza' END AS kind,
              c.id, c.next_due_at AS at, c.next_deadline_key AS deadline_key
       FROM cases c
       WHERE c.id IN (SELECT id FROM cases WHERE responsabile_user_id = ${me}
                      UNION SELECT case_id FROM case_workers WHERE user_id = ${me})
         AND c.next_due_at < ${until}`,
      // The meeting not held yet, when the viewer's organisation is among those invited.
      `SELECT 'riunione', c.id, i.meeting_at, NULL
       FROM case_invitations i JOIN cases c ON c.id = i.case_id
       WHERE i.organisation_id = ${organisation} AND i.meeting_at < ${until}`,
    ];
    if (query.triageAmbito) {
      branches.push(
        `SELECT 'triage', c.id, c.next_due_at, c.next_deadline_key FROM cases c
         WHERE c.ambito = ${params.add(query.triageAmbito)} AND c.state = ANY(${params.add(triageStates)}::text[])
           AND c.next_due_at < ${until}`,
      );
    }
    const rows: Record<string, never>[] = await this.dataSource.query(
      `SELECT i.kind, i.id, i.at, i.deadline_key, c.phase, c.state, p.first_name, p.last_name
       FROM (${branches.map(soonest).join(' UNION ALL ')}) AS i (kind, id, at, deadline_key)
       JOIN cases c ON c.id = i.id JOIN persons p ON p.id = c.person_id
       ORDER BY i.at, i.id, i.kind LIMIT ${limit}`,
      params.values,
    );
    return {
      more: rows.length > query.limit,
      items: rows.slice(0, query.limit).map((row) => ({
        kind: row.kind,
        caseId: row.id,
        at: row.at,
        deadlineKey: row.deadline_key,
        phase: row.phase,
        state: row.state,
        person: { firstName: row.first_name, lastName: row.last_name },
      })),
    };
  }
}
