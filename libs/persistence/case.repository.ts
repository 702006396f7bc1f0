// Narrow SQL for cases. The event hot path is one read and one named statement (guarded UPDATE, history
// INSERT, outbox INSERT), in a transaction with the read models' writes when the event moves them.
import type { DataSource, EntityManager } from 'typeorm';
import {
  LINK_EVENT,
  SYSTEM_NAME,
  type DeadlineOverrides,
  type Localised,
  type Person,
  type PersistedCase,
} from '../../workflows/case/index.js';
import { SqlParams } from '../common/index.js';
import {
  inTransaction,
  managerSession,
  runAlone,
  runScript,
  type PreparedStatement,
  type Script,
  type SqlSession,
} from './prepared.js';
import { overridesOf, type OverrideRow } from './deadline-rules.repository.js';
import { PersonRepository, type ReferredPerson } from './person.repository.js';

export interface HistoryEntry {
  seq: number;
  at: Date;
  actorUserId: string | null;
  eventType: string;
  eventData: unknown;
  fromState: string | null;
  toState: string;
}

export interface NewCase {
  id: string;
  person: ReferredPerson;
  ambito: string;
  referringOrganisationId: string;
  state: string;
  phase: string;
  snapshot: PersistedCase;
  at: Date;
  history: HistoryEntry;
}

export interface Transition {
  caseId: string;
  expectedVersion: number;
  phase: string;
  state: string;
  stateEnteredAt: Date | null;
  snapshot: PersistedCase;
  at: Date;
  history: Pick<HistoryEntry, 'seq' | 'actorUserId' | 'eventType' | 'eventData' | 'fromState'>;
  outbox: { kind: string; payload: unknown } | null;
  /** Mirrors of the snapshot that access rules filter lists by. */
  memberOrganisations: string[];
  responsabileUserId: string | null;
}

export interface CaseRecord {
  id: string;
  version: number;
  phase: string;
  state: string;
  ambito: string;
  referringOrganisationId: string;
  stateEnteredAt: Date;
  snapshot: PersistedCase;
  /** The earliest running deadline under the ambito's rules, as the projector stored it. */
  nextDeadline: { key: string; dueAt: Date } | null;
  /** The ambito's rules for deadlines, read with the case (the case page shows its deadlines under them). */
  deadlineOverrides: DeadlineOverrides;
  createdAt: Date;
  updatedAt: Date;
  person: Person & { id: string };
  /** The closed percorso of the same person this one continues. */
  previousCaseId: string | null;
}

/**
 * Who may see which row, as SQL over `cases c` (visibilitySql in libs/access, the rule single cases obey):
 * `visible` filters the list, `content` says which rows show more than their status.
 */
export interface ListVisibility {
  visible(params: SqlParams): string;
  content(params: SqlParams): string;
}

/** The orders a list can take; each is a key the keyset cursor resumes after, with the id breaking ties. */
export const CASE_LIST_SORTS = {
  updatedAt: { key: 'c.updated_at', type: 'timestamptz' },
  // Cases with no running deadline come last.
  deadline: { key: "coalesce(c.next_due_at, 'infinity')", type: 'timestamptz' },
  person: { key: 'p.search_text', type: 'text' },
} as const;

export type CaseListSort = keyof typeof CASE_LIST_SORTS;

/** Where a page ends: the sort key (as PostgreSQL prints it) and id of its last row. */
export interface CaseListPosition {
  key: string;
  id: string;
}

export interface CaseListFilter {
  visibility: ListVisibility;
  /** "Overdue" means a running deadline due strictly before this moment. */
  now: Date;
  sort: CaseListSort;
  direction: 'asc' | 'desc';
  after?: CaseListPosition;
  phase?: string;
  state?: string;
  overdue?: boolean;
  /** Cases whose responsabile this user is, or that wait on them (assessor, responsabile). */
  mineOf?: string;
  responsabileUserId?: string;
  /** Cases the organisation referred or takes part in. */
  organisationId?: string;
  /** Each word must appear in the person's surname, name or codice fiscale, accents and case ignored. */
  words?: string[];
  limit: number;
}

export interface CaseListItem {
  id: string;
  version: number;
  phase: string;
  state: string;
  stateEnteredAt: Date;
  updatedAt: Date;
  access: 'content' | 'status';
  ambito: string;
  /** Only for cases whose content the viewer may see. */
  snapshot: PersistedCase | null;
  nextDeadline: { key: string; dueAt: Date } | null;
  /** A closed case's primary outcome, which the referring service's status view shows too. */
  outcome: string | null;
  person: { firstName: string; lastName: string; codiceFiscale: string | null } | { initials: string };
}

export interface CaseListPage {
  items: CaseListItem[];
  /** Exact up to CASE_LIST_TOTAL_CAP (CASE_SEARCH_TOTAL_CAP for a search); beyond it the list says "more than". */
  total: number;
  totalCapped: boolean;
  next: CaseListPosition | null;
}

/** Counting a coordinator's 250,000 cases would scan them all; a page needs only "more than 1000". */
export const CASE_LIST_TOTAL_CAP = 1000;
/**
 * A search counts to 100 only: "more than 100" already says to narrow it, and each match counted is a
 * visibility check of its case (a surname one person in thirty has: 28 ms for 1,000, 2 ms for 100).
 */
export const CASE_SEARCH_TOTAL_CAP = 100;

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (char) => `\\${char}`);

/** The list's WHERE clause: who may see the row, then each filter asked for. */
function listConditions(filter: CaseListFilter, params: SqlParams): string {
  const conditions = [filter.visibility.visible(params)];
  if (filter.phase) conditions.push(`c.phase = ${params.add(filter.phase)}`);
  if (filter.state) conditions.push(`c.state = ${params.add(filter.state)}`);
  if (filter.overdue !== undefined) {
    const overdue = `c.next_due_at < ${params.add(filter.now)}`;
    conditions.push(filter.overdue ? overdue : `NOT coalesce(${overdue}, false)`);
  }
  if (filter.mineOf) {
    const me = params.add(filter.mineOf);
    // The few cases of one person, found by index, rather than an OR tested on every visible case.
    conditions.push(
      `c.id IN (SELECT id FROM cases WHERE responsabile_user_id = ${me}
                UNION SELECT case_id FROM case_workers WHERE user_id = ${me})`,
    );
  }
  if (filter.responsabileUserId) {
    conditions.push(`c.responsabile_user_id = ${params.add(filter.responsabileUserId)}`);
  }
  if (filter.organisationId) {
    const organisation = params.add(filter.organisationId);
    conditions.push(
      `(c.referring_organisation_id = ${organisation}::uuid
        OR c.member_organisations @> ARRAY[${organisation}]::text[])`,
    );
  }
  for (const word of filter.words ?? []) {
    conditions.push(`p.search_text LIKE '%' || percorsi_search_fold(${params.add(escapeLike(word))}) || '%'`);
  }
  return conditions.join(' AND ');
}

async function execute(manager: EntityManager, sql: string, params: unknown[]) {
  return manager.queryRunner!.query(sql, params, true) as Promise<{ records: unknown[]; affected?: number }>;
}

const INSERT_HISTORY = `INSERT INTO case_history (case_id, seq, at, actor_user_id, event_type, event_data, from_state, to_state)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

function historyParams(caseId: string, entry: HistoryEntry): unknown[] {
  return [
    caseId,
    entry.seq,
    entry.at,
    entry.actorUserId,
    entry.eventType,
    JSON.stringify(entry.eventData),
    entry.fromState,
    entry.toState,
  ];
}

/**
 * Writes of other libs that commit or roll back with the transition (supervision's projector). `opening` runs
 * first, with BEGIN, before the case row is locked; `write` after the transition is written, with what it
 * replaced and the rows of the opening's last statement.
 */
export interface Projection {
  opening?: Script;
  /** Returns the case's next deadline when it wrote it (the list's columns), nothing when it left it. */
  write(
    session: SqlSession,
    replaced: { phaseEnteredAt: Date; opened: Record<string, unknown>[] },
  ): Promise<{ nextDeadline: CaseRecord['nextDeadline'] } | void>;
}

/** A committed transition: the next deadline when its projection moved it. */
export type Committed = { nextDeadline?: CaseRecord['nextDeadline'] };

/** The engine's own write: the version-guarded case row, its history entry and, on a state entry, its outbox row. */
const COMMIT_TRANSITION: PreparedStatement = {
  name: 'case_commit_transition',
  // `previous` reads the row as this statement's snapshot sees it: when the guarded UPDATE succeeds, that
  // is the case just before this transition.
  text: `WITH previous AS (
           SELECT phase_entered_at FROM cases WHERE id = $1 AND version = $2
         ), updated AS (
           UPDATE cases SET version = version + 1, phase = $3, state = $4,
                  state_entered_at = COALESCE($5, state_entered_at), snapshot = $6, updated_at = $7,
                  phase_entered_at = CASE WHEN phase = $3 THEN phase_entered_at ELSE $7 END,
                  member_organisations = $15, responsabile_user_id = $16
           WHERE id = $1 AND version = $2
           RETURNING id
         ), history AS (
           INSERT INTO case_history (case_id, seq, at, actor_user_id, event_type, event_data, from_state, to_state)
           SELECT id, $8, $7, $9, $10, $11, $12, $4 FROM updated
         ), outbox AS (
           INSERT INTO outbox (case_id, seq, kind, payload, created_at)
           SELECT id, $8, $13, $14, $7 FROM updated WHERE $13::text IS NOT NULL
         )
         SELECT count(*)::int AS committed, (SELECT phase_entered_at FROM previous) AS phase_entered_at
         FROM updated`,
};

/** The case with its person and its ambito's deadline rules: what every event and case page starts from. */
const FIND_CASE: PreparedStatement = {
  name: 'case_find',
  text: `SELECT c.id, c.version, c.phase, c.state, c.ambito, c.referring_organisation_id, c.state_entered_at,
                c.snapshot, c.next_deadline_key, c.next_due_at, c.created_at, c.updated_at, c.previous_case_id,
                p.id AS person_id, p.first_name, p.last_name, p.codice_fiscale, p.birth_date::text AS birth_date,
                p.sex, p.birthplace, p.citizenship, p.municipality, p.phone, p.email,
                (SELECT coalesce(json_agg(json_build_object('deadline_key', o.deadline_key, 'after_days', o.after_days,
                                                            'reminder_days', o.reminder_days)), '[]')
                 FROM deadline_overrides o WHERE o.ambito = c.ambito) AS overrides
         FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = $1`,
};

export class CaseRepository {
  private readonly persons: PersonRepository;

  constructor(private readonly dataSource: DataSource) {
    this.persons = new PersonRepository(dataSource);
  }

  /**
   * Writes a new referral: its person (the ambito's record of her codice fiscale, or a new one), the case,
   * linked to her latest closed percorso if she has one (whose history then says so), and the changes the
   * referral made to her record. Returns the percorso it continues.
   */
  async insert(newCase: NewCase, projection?: Projection): Promise<{ previousCaseId: string | null }> {
    return this.dataSource.transaction(async (manager) => {
      const person = await this.persons.referred(manager, newCase.ambito, newCase.person);
      const [previous] = (
        await execute(
          manager,
          `SELECT id FROM cases WHERE person_id = $1 AND phase = 'esito' ORDER BY updated_at DESC, id LIMIT 1`,
          [person.id],
        )
      ).records as { id: string }[];
      const previousCaseId = previous?.id ?? null;
      await execute(
        manager,
        `INSERT INTO cases (id, person_id, ambito, referring_organisation_id, version, phase, state, state_entered_at,
                            phase_entered_at, snapshot, created_at, updated_at, previous_case_id)
         VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $7, $8, $7, $7, $9)`,
        [
          newCase.id,
          person.id,
          newCase.ambito,
          newCase.referringOrganisationId,
          newCase.phase,
          newCase.state,
          newCase.at,
          JSON.stringify(newCase.snapshot),
          previousCaseId,
        ],
      );
      const history = previousCaseId
        ? {
            ...newCase.history,
            eventData: { ...(newCase.history.eventData as object), previousCaseId },
          }
        : newCase.history;
      await execute(manager, INSERT_HISTORY, historyParams(newCase.id, history));
      if (previousCaseId) {
        // The closed case stays closed: its history only gains the link (its version moves, as any entry does).
        await execute(
          manager,
          `WITH bumped AS (UPDATE cases SET version = version + 1 WHERE id = $1 RETURNING id, version, state)
           INSERT INTO case_history (case_id, seq, at, actor_user_id, event_type, event_data, from_state, to_state)
           SELECT id, version, $2, $3, $5, $4, state, state FROM bumped`,
          [
            previousCaseId,
            newCase.at,
            newCase.history.actorUserId,
            JSON.stringify({ nextCaseId: newCase.id }),
            LINK_EVENT,
          ],
        );
      }
      await this.persons.recordChanges(
        manager,
        person.id,
        { at: newCase.at, userId: newCase.history.actorUserId, caseId: newCase.id, source: 'segnalazione' },
        person.changes,
      );
      if (projection) {
        const opened = projection.opening ? await runScript(manager, projection.opening) : [];
        await projection.write(managerSession(manager), { phaseEnteredAt: newCase.at, opened });
      }
      return { previousCaseId };
    });
  }

  async exists(caseId: string): Promise<boolean> {
    return (await this.dataSource.query('SELECT 1 FROM cases WHERE id = $1', [caseId])).length === 1;
  }

  /** Whether the two cases are percorsi of one person. */
  async samePerson(caseId: string, otherCaseId: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      'SELECT 1 FROM cases a JOIN cases b ON b.person_id = a.person_id WHERE a.id = $1 AND b.id = $2',
      [caseId, otherCaseId],
    );
    return rows.length === 1;
  }

  /**
   * Writes the transition if the case is still at `expectedVersion`; false when someone else got there
   * first. The case row, its history entry and its outbox row are one named statement; `projection`, when
   * given, writes read models in the same transaction after it (nothing of it is written by a lost race).
   */
  async commit(transition: Transition, projection?: Projection | null): Promise<Committed | null> {
    const { history, outbox } = transition;
    const values = [
      transition.caseId,
      transition.expectedVersion,
      transition.phase,
      transition.state,
      transition.stateEnteredAt,
      JSON.stringify(transition.snapshot),
      transition.at,
      history.seq,
      history.actorUserId,
      history.eventType,
      JSON.stringify(history.eventData),
      history.fromState,
      outbox?.kind ?? null,
      outbox ? JSON.stringify(outbox.payload) : null,
      transition.memberOrganisations,
      transition.responsabileUserId,
    ];
    const write = async (session: SqlSession) =>
      (await session.run<{ committed: number; phase_entered_at: Date }>(COMMIT_TRANSITION, values))[0];
    if (!projection) {
      return runAlone(this.dataSource, async (session) =>
        (await write(session)).committed === 1 ? {} : null,
      );
    }
    let committed: Committed | null = null;
    await inTransaction(
      this.dataSource,
      async (session, opened) => {
        const written = await write(session);
        if (written.committed !== 1) return false;
        committed =
          (await projection.write(session, { phaseEnteredAt: written.phase_entered_at, opened })) ?? {};
        return true;
      },
      projection.opening,
    );
    return committed;
  }

  async find(caseId: string): Promise<CaseRecord | null> {
    const rows = await runAlone(this.dataSource, (session) =>
      session.run<Record<string, never>>(FIND_CASE, [caseId]),
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      version: row.version,
      phase: row.phase,
      state: row.state,
      ambito: row.ambito,
      referringOrganisationId: row.referring_organisation_id,
      stateEnteredAt: row.state_entered_at,
      snapshot: row.snapshot,
      nextDeadline: row.next_due_at ? { key: row.next_deadline_key, dueAt: row.next_due_at } : null,
      deadlineOverrides: overridesOf(row.overrides as OverrideRow[]),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      previousCaseId: row.previous_case_id,
      person: {
        id: row.person_id,
        firstName: row.first_name,
        lastName: row.last_name,
        ...(row.codice_fiscale ? { codiceFiscale: row.codice_fiscale } : {}),
        birthDate: row.birth_date,
        ...(row.sex ? { sex: row.sex } : {}),
        ...(row.birthplace ? { birthplace: row.birthplace } : {}),
        ...(row.citizenship ? { citizenship: row.citizenship } : {}),
        municipality: row.municipality,
        ...(row.phone ? { phone: row.phone } : {}),
        ...(row.email ? { email: row.email } : {}),
      },
    };
  }

  /** One page of the cases the viewer may see, in the order asked, after the position given. */
  async list(filter: CaseListFilter): Promise<CaseListPage> {
    // The person's row is read for the page's rows alone unless a search or the order needs it for every
    // row: a busy operator's "mine" is thousands of cases, each a random read of persons.
    const searched = Boolean(filter.words?.length);
    const personOfEveryRow = filter.sort === 'person' || searched;
    const withPersons = 'FROM cases c JOIN persons p ON p.id = c.person_id';
    const from = personOfEveryRow ? withPersons : 'FROM cases c';
    const cap = searched ? CASE_SEARCH_TOTAL_CAP : CASE_LIST_TOTAL_CAP;
    const counted = new SqlParams();
    // Counting needs the person only to match a search, never for an order. It runs beside the page's
    // query, on another connection: the answer waits for the slower of the two, not for both.
    const counting: Promise<[{ total: number }]> = this.dataSource.query(
      `SELECT count(*)::int AS total
       FROM (SELECT 1 ${searched ? withPersons : 'FROM cases c'} WHERE ${listConditions(filter, counted)}
             LIMIT ${cap + 1}) AS capped`,
      counted.values,
    );

    const params = new SqlParams();
    const filtered = listConditions(filter, params);
    const content = filter.visibility.content(params);
    const { key, type } = CASE_LIST_SORTS[filter.sort];
    const direction = filter.direction === 'desc' ? 'DESC' : 'ASC';
    const keyset = filter.after
      ? ` AND (${key}, c.id) ${direction === 'DESC' ? '<' : '>'} (${params.add(filter.after.key)}::${type}, ${params.add(filter.after.id)}::uuid)`
      : '';
    const order = `ORDER BY ${key} ${direction}, c.id ${direction} LIMIT ${params.add(filter.limit + 1)}`;
    const source = personOfEveryRow
      ? `${from} WHERE ${filtered}${keyset}`
      : `FROM (SELECT c.* FROM cases c WHERE ${filtered}${keyset} ${order}) c JOIN persons p ON p.id = c.person_id`;
    const listing: Promise<Record<string, never>[]> = this.dataSource.query(
      `SELECT c.id, c.version, c.phase, c.state, c.state_entered_at, c.updated_at, c.ambito,
              c.next_deadline_key, c.next_due_at, p.first_name, p.last_name, p.codice_fiscale,
              CASE WHEN ${content} THEN c.snapshot END AS snapshot, (${key})::text AS sort_key,
              CASE WHEN c.phase = 'esito' THEN c.snapshot #>> '{context,outcome,primary}' END AS outcome
       ${source} ${order}`,
      params.values,
    );
    const [[{ total }], rows] = await Promise.all([counting, listing]);
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return {
      total: Math.min(total, cap),
      totalCapped: total > cap,
      next: rows.length > filter.limit && last ? { key: last.sort_key, id: last.id } : null,
      items: page.map((row) => ({
        id: row.id,
        version: row.version,
        phase: row.phase,
        state: row.state,
        stateEnteredAt: row.state_entered_at,
        updatedAt: row.updated_at,
        access: row.snapshot ? 'content' : 'status',
        ambito: row.ambito,
        snapshot: row.snapshot,
        nextDeadline:
          row.snapshot && row.next_due_at ? { key: row.next_deadline_key, dueAt: row.next_due_at } : null,
        outcome: row.outcome,
        person: row.snapshot
          ? { firstName: row.first_name, lastName: row.last_name, codiceFiscale: row.codice_fiscale }
          : { initials: `${String(row.first_name).charAt(0)}. ${String(row.last_name).charAt(0)}.` },
      })),
    };
  }

  /** Every transition, oldest first; events applied by the system (deadlines) are named SYSTEM_NAME. */
  async history(caseId: string): Promise<(HistoryEntry & { actorName: string | Localised })[]> {
    const rows = await this.dataSource.query(
      `SELECT h.seq, h.at, h.actor_user_id, h.event_type, h.event_data, h.from_state, h.to_state,
              u.full_name AS actor_name
       FROM case_history h LEFT JOIN users u ON u.id = h.actor_user_id
       WHERE h.case_id = $1 ORDER BY h.seq`,
      [caseId],
    );
    return rows.map((row: Record<string, never>) => ({
      seq: row.seq,
      at: row.at,
      actorUserId: row.actor_user_id,
      actorName: row.actor_user_id === null ? SYSTEM_NAME : row.actor_name,
      eventType: row.event_type,
      eventData: row.event_data,
      fromState: row.from_state,
      toState: row.to_state,
    }));
  }
}
