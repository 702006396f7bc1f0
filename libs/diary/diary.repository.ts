// The diary's rows: every version of every entry (diary_versions, append-only). Narrow reads: the entries
// of a case as they stand now, and one entry's versions.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DataCategory } from '../../workflows/case/index.js';

export interface DiaryVersion {
  entryId: string;
  version: number;
  caseId: string;
  occurredOn: string;
  category: DataCategory;
  text: string;
  writtenBy: { userId: string; name: string };
  writtenAt: Date;
  /** Who wrote the entry first, and when: an entry is its author's. */
  author: { userId: string; name: string };
  createdAt: Date;
}

const SELECT = `
  SELECT v.entry_id, v.version, v.case_id, to_char(v.occurred_on, 'YYYY-MM-DD') AS occurred_on, v.category,
         v.body, v.written_by, wu.full_name AS writer_name, v.written_at,
         first.written_by AS author_id, au.full_name AS author_name, first.written_at AS created_at
  FROM diary_versions v
  JOIN diary_versions first ON first.entry_id = v.entry_id AND first.version = 1
  JOIN users wu ON wu.id = v.written_by
  JOIN users au ON au.id = first.written_by`;

function fromRow(row: Record<string, never>): DiaryVersion {
  return {
    entryId: row.entry_id,
    version: row.version,
    caseId: row.case_id,
    occurredOn: row.occurred_on,
    category: row.category,
    text: row.body,
    writtenBy: { userId: row.written_by, name: row.writer_name },
    writtenAt: row.written_at,
    author: { userId: row.author_id, name: row.author_name },
    createdAt: row.created_at,
  };
}

@Injectable()
export class DiaryRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Each entry of the case at its newest version, the most recent day first. */
  async current(caseId: string): Promise<DiaryVersion[]> {
    const rows = await this.dataSource.query(
      `${SELECT} WHERE v.case_id = $1
         AND v.version = (SELECT max(latest.version) FROM diary_versions latest WHERE latest.entry_id = v.entry_id)
       ORDER BY v.occurred_on DESC, first.written_at DESC`,
      [caseId],
    );
    return rows.map(fromRow);
  }

  /** Every version of one entry of the case, oldest first (none when it is not the case's). */
  async versions(caseId: string, entryId: string): Promise<DiaryVersion[]> {
    const rows = await this.dataSource.query(
      `${SELECT} WHERE v.case_id = $1 AND v.entry_id = $2 ORDER BY v.version`,
      [caseId, entryId],
    );
    return rows.map(fromRow);
  }

  /** Appends a version; false when that version of the entry already exists (someone edited it first). */
  async append(row: {
    entryId: string;
    version: number;
    caseId: string;
    occurredOn: string;
    category: DataCategory;
    text: string;
    writtenBy: string;
    writtenAt: Date;
  }): Promise<boolean> {
    const inserted = await this.dataSource.query(
      `INSERT INTO diary_versions (entry_id, version, case_id, occurred_on, category, body, written_by, written_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (entry_id, version) DO NOTHING RETURNING entry_id`,
      [
        row.entryId,
        row.version,
        row.caseId,
        row.occurredOn,
        row.category,
        row.text,
        row.writtenBy,
        row.writtenAt,
      ],
    );
    return inserted.length === 1;
  }
}
