// The diary of the percorso (diario del percorso): dated notes by the people working the case. Each entry
// carries a data category and is read under the same rule as the case's other data of that category; a
// read of a health or judicial entry is audited. An edit is a new version: the earlier text stays.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { DATA_CATEGORIES, isoDate, text, type DataCategory } from '../../workflows/case/index.js';
import { AuditLog, type Viewer } from '../access/index.js';
import { CLOCK, DomainError, parseInput, type Clock } from '../common/index.js';
import { CaseContent } from '../engine/case-content.js';

const RULE = 'diario';

export const newDiaryEntrySchema = z.strictObject({
  /** The day the note is about (a call, a home visit), not when it was typed. */
  date: isoDate,
  category: z.enum(DATA_CATEGORIES),
  text: text(20000),
});

export const diaryEditSchema = z.strictObject({
  text: text(20000),
  expectedVersion: z.number().int().min(1),
});

export interface DiaryVersion {
  version: number;
  text: string;
  writtenAt: Date;
}

export interface DiaryEntry {
  id: string;
  date: string;
  category: DataCategory;
  author: { userId: string; name: string };
  version: number;
  text: string;
  writtenAt: Date;
  /** Earlier texts, oldest first. */
  earlier: DiaryVersion[];
}

export type ListedDiaryEntry =
  DiaryEntry | { id: string; date: string; category: DataCategory; withheld: true };

interface VersionRow {
  entry_id: string;
  date: string;
  category: DataCategory;
  author_id: string;
  author_name: string;
  version: number;
  text: string;
  written_at: Date;
}

@Injectable()
export class CaseDiary {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CaseContent) private readonly content: CaseContent,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async write(caseId: string, input: unknown, viewer: Viewer): Promise<DiaryEntry> {
    const readable = await this.content.readableBy(caseId, viewer, RULE);
    const { date, category, text } = parseInput(newDiaryEntrySchema, input);
    this.requireCategory(readable, category);
    const id = randomUUID();
    await this.dataSource.transaction(async (transaction) => {
      await transaction.query(
        `INSERT INTO case_diary_entries (id, case_id, entry_date, category, author_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, caseId, date, category, viewer.userId, this.clock.now()],
      );
      await transaction.query(
        'INSERT INTO case_diary_versions (entry_id, version, text, written_at) VALUES ($1, 1, $2, $3)',
        [id, text, this.clock.now()],
      );
    });
    return this.entry(caseId, id);
  }

  /** Only the author rewrites her note, at the version she read; the text she replaces stays. */
  async edit(caseId: string, entryId: string, input: unknown, viewer: Viewer): Promise<DiaryEntry> {
    const readable = await this.content.readableBy(caseId, viewer, RULE);
    const { text, expectedVersion } = parseInput(diaryEditSchema, input);
    const current = await this.entry(caseId, entryId);
    this.requireCategory(readable, current.category);
    if (current.author.userId !== viewer.userId) {
      throw new DomainError('forbidden', 'Only the author may edit a diary entry.', { rule: RULE });
    }
    let written: unknown[];
    try {
      // Written only over the version the author read; of two edits racing on it the primary key
      // (entry_id, version) lets one through.
      written = await this.dataSource.query(
        `INSERT INTO case_diary_versions (entry_id, version, text, written_at)
         SELECT $1, $2 + 1, $3, $4
         WHERE $2 = (SELECT max(version) FROM case_diary_versions WHERE entry_id = $1)
         RETURNING version`,
        [entryId, expectedVersion, text, this.clock.now()],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw conflict();
      throw error;
    }
    if (written.length === 0) throw conflict();
    return this.entry(caseId, entryId);
  }

  async list(caseId: string, viewer: Viewer, purpose: string): Promise<{ items: ListedDiaryEntry[] }> {
    const readable = await this.content.readableBy(caseId, viewer, RULE);
    const entries = groupEntries(await this.versions(caseId));
    const sensitive = entries.filter((entry) => entry.category !== 'comuni' && readable.has(entry.category));
    if (sensitive.length) {
      await this.audit.record({
        at: this.clock.now(),
        viewer,
        caseId,
        action: 'lettura',
        fields: sensitive.map((entry) => `diary.${entry.id}`),
        purpose,
      });
    }
    return {
      items: entries.map((entry) =>
        readable.has(entry.category)
          ? entry
          : { id: entry.id, date: entry.date, category: entry.category, withheld: true },
      ),
    };
  }

  private requireCategory(readable: Set<DataCategory>, category: DataCategory): void {
    if (!readable.has(category)) {
      throw new DomainError(
        'forbidden',
        `Diary entries of category ${category} are not yours to read or write.`,
        {
          rule: 'categorie_dati',
        },
      );
    }
  }

  private async entry(caseId: string, entryId: string): Promise<DiaryEntry> {
    const [entry] = z.uuid().safeParse(entryId).success
      ? groupEntries(await this.versions(caseId, entryId))
      : [];
    if (!entry) throw new DomainError('not_found', 'No such diary entry.', { entryId });
    return entry;
  }

  private versions(caseId: string, entryId?: string): Promise<VersionRow[]> {
    return this.dataSource.query(
      `SELECT e.id AS entry_id, e.entry_date::text AS date, e.category, e.author_id, u.full_name AS author_name,
              v.version, v.text, v.written_at
       FROM case_diary_entries e
       JOIN case_diary_versions v ON v.entry_id = e.id
       JOIN users u ON u.id = e.author_id
       WHERE e.case_id = $1 AND ($2::uuid IS NULL OR e.id = $2)
       ORDER BY e.entry_date DESC, e.created_at DESC, e.id, v.version`,
      [caseId, entryId ?? null],
    );
  }
}

function conflict(): DomainError {
  return new DomainError(
    'version_conflict',
    'The entry was edited by someone else: reload it and try again.',
  );
}

/** Rows (one per version, in entry order) into entries whose text is the latest version's. */
function groupEntries(rows: VersionRow[]): DiaryEntry[] {
  const entries = new Map<string, DiaryEntry>();
  for (const row of rows) {
    const version = { version: row.version, text: row.text, writtenAt: row.written_at };
    const entry = entries.get(row.entry_id);
    if (entry) {
      entry.earlier.push({ version: entry.version, text: entry.text, writtenAt: entry.writtenAt });
      Object.assign(entry, version);
    } else {
      entries.set(row.entry_id, {
        id: row.entry_id,
        date: row.date,
        category: row.category,
        author: { userId: row.author_id, name: row.author_name },
        earlier: [],
        ...version,
      });
    }
  }
  return [...entries.values()];
}
