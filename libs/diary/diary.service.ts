// The diary of a case (diario del percorso): dated notes written by those who work on the case, each filed
// under a data category that decides who reads it, by the same rule as the assessments
// (readableCategories). Entries of a category the reader may not read are listed as withheld, with their
// day and category only; every protected entry shown is audited. An edit appends a version: the earlier
// text stays, and only the entry's author edits it.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  diaryEditSchema,
  diaryEntrySchema,
  FUTURE_DONE_DATE,
  italianDayOf,
  restoreCase,
  type DataCategory,
} from '../../workflows/case/index.js';
import { AuditLog, requireContentReader, type CaseFacts, type Viewer } from '../access/index.js';
import { CLOCK, DomainError, NO_SUCH, isUuid, parseInput, type Clock } from '../common/index.js';
import { CaseRepository } from '../persistence/case.repository.js';
import { DiaryRepository, type DiaryVersion } from './diary.repository.js';

const DIARY_RULE = 'diario: organizzazioni partecipanti, responsabile o coordinatore';
const DEFAULT_PURPOSE = 'consultazione del diario';

type Shown = ReturnType<typeof shown>;

function shown(version: DiaryVersion) {
  return {
    id: version.entryId,
    version: version.version,
    occurredOn: version.occurredOn,
    category: version.category,
    text: version.text,
    author: version.author,
    createdAt: version.createdAt,
    writtenBy: version.writtenBy,
    writtenAt: version.writtenAt,
    edited: version.version > 1,
  };
}

@Injectable()
export class Diary {
  constructor(
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(DiaryRepository) private readonly entries: DiaryRepository,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(caseId: string, viewer: Viewer, purpose = DEFAULT_PURPOSE) {
    const readable = await this.requireMember(caseId, viewer);
    const items: (Shown | { id: string; occurredOn: string; category: DataCategory; withheld: true })[] = [];
    const sensitiveShown: string[] = [];
    for (const entry of await this.entries.current(caseId)) {
      if (!readable.has(entry.category)) {
        items.push({
          id: entry.entryId,
          occurredOn: entry.occurredOn,
          category: entry.category,
          withheld: true,
        });
        continue;
      }
      if (entry.category !== 'comuni') sensitiveShown.push(`diary.${entry.entryId}`);
      items.push(shown(entry));
    }
    await this.auditRead(viewer, caseId, sensitiveShown, purpose);
    return { items };
  }

  /** Every version of an entry, oldest first: what it said before each edit. */
  async versions(caseId: string, entryId: string, viewer: Viewer, purpose = DEFAULT_PURPOSE) {
    const readable = await this.requireMember(caseId, viewer);
    const versions = isUuid(entryId) ? await this.entries.versions(caseId, entryId) : [];
    if (versions.length === 0) throw new DomainError('not_found', NO_SUCH.diaryEntry, { entryId });
    const unreadable = versions.find((version) => !readable.has(version.category));
    if (unreadable) {
      throw new DomainError(
        'forbidden',
        {
          it: `Le note del diario della categoria ${unreadable.category} non sono per te.`,
          en: `Diary entries of category ${unreadable.category} are not for you.`,
        },
        {
          rule: `dati ${unreadable.category}`,
        },
      );
    }
    const sensitive = versions.some((version) => version.category !== 'comuni');
    await this.auditRead(viewer, caseId, sensitive ? [`diary.${entryId}.versions`] : [], purpose);
    return { items: versions.map(shown) };
  }

  async add(caseId: string, viewer: Viewer, body: unknown) {
    const readable = await this.requireMember(caseId, viewer);
    const entry = this.checked(parseInput(diaryEntrySchema, body), readable, '');
    const entryId = randomUUID();
    await this.entries.append({
      entryId,
      version: 1,
      caseId,
      ...entry,
      writtenBy: viewer.userId,
      writtenAt: this.clock.now(),
    });
    return shown((await this.entries.versions(caseId, entryId)).at(-1)!);
  }

  async edit(caseId: string, entryId: string, viewer: Viewer, body: unknown) {
    const readable = await this.requireMember(caseId, viewer);
    const { entry: input, expectedVersion } = parseInput(diaryEditSchema, body);
    const versions = isUuid(entryId) ? await this.entries.versions(caseId, entryId) : [];
    const current = versions.at(-1);
    if (!current) throw new DomainError('not_found', NO_SUCH.diaryEntry, { entryId });
    if (current.author.userId !== viewer.userId) {
      throw new DomainError(
        'forbidden',
        {
          it: 'Solo chi l’ha scritta modifica una nota del diario; aggiungine una tua.',
          en: 'Only the author edits a diary entry; add an entry of your own.',
        },
        {
          rule: 'diario: chi ha scritto la voce',
        },
      );
    }
    const entry = this.checked(input, readable, 'entry.');
    const conflict = new DomainError(
      'version_conflict',
      {
        it: 'La nota è cambiata nel frattempo: ricaricala e riprova.',
        en: 'The entry was changed meanwhile: reload it and try again.',
      },
      {
        currentVersion: current.version,
      },
    );
    if (expectedVersion !== current.version) throw conflict;
    // A concurrent edit of the same version loses on the primary key.
    const appended = await this.entries.append({
      entryId,
      version: expectedVersion + 1,
      caseId,
      ...entry,
      writtenBy: viewer.userId,
      writtenAt: this.clock.now(),
    });
    if (!appended) throw conflict;
    return shown((await this.entries.versions(caseId, entryId)).at(-1)!);
  }

  /** The day is not after today in Italy, and the author may read what they file. */
  private checked<T extends { occurredOn: string; category: DataCategory }>(
    entry: T,
    readable: Set<DataCategory>,
    prefix: string,
  ): T {
    if (entry.occurredOn > italianDayOf(this.clock.now())) {
      throw DomainError.invalidPayload([{ field: `${prefix}occurredOn`, reason: FUTURE_DONE_DATE }]);
    }
    if (!readable.has(entry.category)) {
      throw DomainError.invalidPayload([
        { field: `${prefix}category`, reason: 'is a category of data your role does not read' },
      ]);
    }
    return entry;
  }

  /** The diary is for those who work on the case: 404 for others, 403 for the referring service alone. */
  private async requireMember(caseId: string, viewer: Viewer): Promise<Set<DataCategory>> {
    const record = isUuid(caseId) ? await this.cases.find(caseId) : null;
    if (!record) throw new DomainError('not_found', NO_SUCH.case, { caseId });
    const facts: CaseFacts = { ...record, context: restoreCase(record.snapshot).context };
    return requireContentReader(viewer, facts, DIARY_RULE);
  }

  private async auditRead(viewer: Viewer, caseId: string, fields: string[], purpose: string): Promise<void> {
    if (fields.length === 0) return;
    await this.audit.record({ at: this.clock.now(), viewer, caseId, action: 'lettura', fields, purpose });
  }
}
