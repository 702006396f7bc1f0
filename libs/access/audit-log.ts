// The append-only record of every read of protected data and every export (a database trigger refuses
// UPDATE and DELETE); the DPO searches it.
import { stringify } from 'csv-stringify/sync';
import type { DataSource } from 'typeorm';
import type { Viewer } from './case-access.js';

export interface AuditEntry {
  at: Date;
  viewer: Viewer;
  caseId: string | null;
  /** `unione`: two person records merged; `rettifica`: a person's record corrected (a codice fiscale added). */
  action: 'lettura' | 'esportazione' | 'unione' | 'rettifica';
  fields: string[];
  purpose: string;
}

export interface AuditQuery {
  /** Each territory's DPO reads her own ambito's entries: of its cases, or by its staff outside a case. */
  ambito: string;
  caseId?: string;
  userId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** What a DPO downloads at most in one CSV: more than a year of a busy ambito; narrower dates for more. */
export const AUDIT_CSV_MAX_ROWS = 50_000;

/** One entry as the DPO searches it. */
export interface AuditItem {
  id: number;
  at: Date;
  user: { id: string; fullName: string; email: string };
  organisation: { id: string; name: string };
  caseId: string | null;
  action: AuditEntry['action'];
  fields: string[];
  purpose: string;
}

/**
 * The entries as a CSV a spreadsheet opens in Italian: a BOM so that Excel reads UTF-8, semicolons as an
 * Italian locale expects, one line per entry, the newest first as on the screen.
 */
export function auditCsv(items: AuditItem[]): string {
  return stringify(
    items.map((item) => [
      item.at.toISOString(),
      item.user.fullName,
      item.user.email,
      item.organisation.name,
      item.caseId ?? '',
      item.action,
      item.fields.join(' '),
      item.purpose,
    ]),
    {
      bom: true,
      delimiter: ';',
      record_delimiter: 'windows',
      header: true,
      columns: ['Data e ora (UTC)', 'Utente', 'E-mail', 'Ente', 'Caso', 'Azione', 'Dati letti', 'Motivo'],
    },
  );
}

export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_log (at, user_id, organisation_id, case_id, action, fields, purpose)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.at,
        entry.viewer.userId,
        entry.viewer.organisationId,
        entry.caseId,
        entry.action,
        entry.fields,
        entry.purpose,
      ],
    );
  }

  /** Every read and export of these cases, oldest first, with who (a data subject's access request). */
  async readsOfCases(caseIds: string[]) {
    const rows = await this.dataSource.query(
      `SELECT a.at, u.full_name, o.name AS organisation_name, a.case_id, a.action, a.fields, a.purpose
       FROM audit_log a JOIN users u ON u.id = a.user_id JOIN organisations o ON o.id = a.organisation_id
       WHERE a.case_id = ANY($1::uuid[]) ORDER BY a.at, a.id`,
      [caseIds],
    );
    return rows.map((row: Record<string, never>) => ({
      at: row.at,
      user: row.full_name,
      organisation: row.organisation_name,
      caseId: row.case_id,
      action: row.action,
      fields: row.fields,
      purpose: row.purpose,
    }));
  }

  async search(query: AuditQuery): Promise<{ total: number; items: AuditItem[] }> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    add('COALESCE(c.ambito, o.ambito) = ?', query.ambito);
    if (query.caseId) add('a.case_id = ?', query.caseId);
    if (query.userId) add('a.user_id = ?', query.userId);
    if (query.from) add('a.at >= ?', query.from);
    if (query.to) add('a.at < ?', query.to);
    const where = `WHERE ${conditions.join(' AND ')}`;
    const scope = `audit_log a JOIN organisations o ON o.id = a.organisation_id
                   LEFT JOIN cases c ON c.id = a.case_id`;
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${scope} ${where}`,
      params,
    );
    const rows = await this.dataSource.query(
      `SELECT a.id, a.at, a.user_id, u.full_name, u.email, a.organisation_id, o.name AS organisation_name,
              a.case_id, a.action, a.fields, a.purpose
       FROM ${scope} JOIN users u ON u.id = a.user_id
       ${where} ORDER BY a.at DESC, a.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    return {
      total,
      items: rows.map((row: Record<string, never>) => ({
        id: Number(row.id),
        at: row.at,
        user: { id: row.user_id, fullName: row.full_name, email: row.email },
        organisation: { id: row.organisation_id, name: row.organisation_name },
        caseId: row.case_id,
        action: row.action,
        fields: row.fields,
        purpose: row.purpose,
      })),
    };
  }
}
