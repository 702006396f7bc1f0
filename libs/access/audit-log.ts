// The append-only record of every read of protected data and every export (a database trigger refuses
// UPDATE and DELETE); the DPO searches it.
import { stringify } from 'csv-stringify/sync';
import type { DataSource } from 'typeorm';
import { auditFieldName, LABELS, type Language, type Localised } from '../../workflows/case/index.js';
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

/** An entry as the API sends it: `fields` as recorded (for programs), `read` the same in words. */
export type NamedAuditItem = AuditItem & { read: Localised[] };

export const withFieldNames = (item: AuditItem): NamedAuditItem => ({
  ...item,
  read: item.fields.map(auditFieldName),
});

const ROME_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Rome',
  timeZoneName: 'longOffset',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * The moment as a clock in Italy showed it, with its offset from UTC so that the summer and winter hours
 * (and the hour that repeats in October) stay unambiguous: `2026-07-01 12:00:00 +02:00`.
 */
export function romeTime(at: Date): string {
  const part = Object.fromEntries(ROME_TIME.formatToParts(at).map(({ type, value }) => [type, value]));
  const offset = part.timeZoneName === 'GMT' ? '+00:00' : part.timeZoneName.replace('GMT', '');
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second} ${offset}`;
}

const CSV_COLUMNS: Record<Language, string[]> = {
  it: [
    'Data e ora (ora italiana, Europe/Rome, con scarto da UTC)',
    'Utente',
    'E-mail',
    'Ente',
    'Caso',
    'Azione',
    'Dati letti',
    'Motivo',
    'Campi (come registrati)',
  ],
  en: [
    'Date and time (Italian time, Europe/Rome, with offset from UTC)',
    'User',
    'E-mail',
    'Organisation',
    'Case',
    'Action',
    'Data read',
    'Purpose',
    'Fields (as recorded)',
  ],
};

/**
 * The entries as a CSV a spreadsheet opens in Italian: a BOM so that Excel reads UTF-8, semicolons as an
 * Italian locale expects, one line per entry, the newest first as on the screen; times in Italy's time,
 * what was read in words (the screen's), and last the field paths as recorded, full codes included.
 */
export function auditCsv(items: AuditItem[], language: Language): string {
  const labels = LABELS[language].audit;
  return stringify(
    items.map((item) => [
      romeTime(item.at),
      item.user.fullName,
      item.user.email,
      item.organisation.name,
      item.caseId ?? '',
      labels.actions[item.action],
      item.fields.map((field) => auditFieldName(field)[language]).join(', '),
      item.purpose,
      item.fields.join(' '),
    ]),
    {
      bom: true,
      delimiter: ';',
      record_delimiter: 'windows',
      header: true,
      columns: CSV_COLUMNS[language],
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

  async search(query: AuditQuery): Promise<{ total: number; items: NamedAuditItem[] }> {
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
      items: rows
        .map((row: Record<string, never>) => ({
          id: Number(row.id),
          at: row.at,
          user: { id: row.user_id, fullName: row.full_name, email: row.email },
          organisation: { id: row.organisation_id, name: row.organisation_name },
          caseId: row.case_id,
          action: row.action,
          fields: row.fields,
          purpose: row.purpose,
        }))
        .map(withFieldNames),
    };
  }
}
