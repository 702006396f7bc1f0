// The anagrafica: one person record per ambito and codice fiscale, the changes made to it (who, when, old,
// new), the percorsi of a person, her possible duplicates, and merging two records of one person.
import type { DataSource, EntityManager } from 'typeorm';
import {
  INVERSE_RELATIONSHIP,
  type HouseholdLink,
  type HouseholdRelationship,
  type PersistedCase,
  type Person,
} from '../../workflows/case/index.js';
import { DomainError } from '../common/index.js';

const PERSON_CHANGED = {
  it: 'Qualcun altro ha modificato la persona: ricaricala.',
  en: 'The person was changed by someone else: reload it.',
};

/** A person as a referral brings her, with the Belfiore code her birthplace resolved to. */
export type ReferredPerson = Person & { birthplaceCode?: string };

export interface PersonRecord extends Person {
  id: string;
  ambito: string;
  version: number;
  birthplaceCode: string | null;
  mergedInto: string | null;
  pseudonymised: boolean;
  createdAt: Date;
}

export type PersonChangeSource = 'segnalazione' | 'codice_fiscale' | 'unione' | 'rettifica';

/** One field of a person's record changed, or (applied: false) a different value a referral brought. */
export interface PersonChange {
  field: string;
  oldValue: string | null;
  newValue: string | null;
  applied: boolean;
}

export interface PersonPercorso {
  id: string;
  ambito: string;
  phase: string;
  state: string;
  stateEnteredAt: Date;
  createdAt: Date;
  updatedAt: Date;
  referringOrganisationId: string;
  referringOrganisationName: string;
  previousCaseId: string | null;
  snapshot: PersistedCase;
}

export interface HouseholdMember {
  linkId: string;
  /** What the member is to the person. */
  relationship: HouseholdRelationship;
  from: string;
  to: string | null;
  member: { id: string; firstName: string; lastName: string; birthDate: string };
}

export interface PossibleDuplicate {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  codiceFiscale: string | null;
  birthplace: string | null;
  similarity: number;
  percorsi: number;
}

/** Columns of `persons` and the person's field each one holds. */
const IDENTITY = {
  first_name: 'firstName',
  last_name: 'lastName',
  birth_date: 'birthDate',
  sex: 'sex',
  birthplace: 'birthplace',
  citizenship: 'citizenship',
} as const;
/** Contacts follow the latest referral; the old value stays in person_changes. */
const CONTACTS = { municipality: 'municipality', phone: 'phone', email: 'email' } as const;

const PERSON_COLUMNS = `p.id, p.ambito, p.version, p.first_name, p.last_name, p.codice_fiscale,
  p.birth_date::text AS birth_date, p.sex, p.birthplace, p.birthplace_code, p.citizenship, p.municipality,
  p.phone, p.email, p.merged_into, p.pseudonymised_at, p.created_at`;

const UNIQUE_VIOLATION = '23505';

/** Similar enough to ask the coordinator (pg_trgm similarity of surname and name, in either order). */
const DUPLICATE_SIMILARITY = 0.4;

function personOf(row: Record<string, never>): PersonRecord {
  const optional = (key: string, value: unknown) => (value === null ? {} : { [key]: value });
  return {
    id: row.id,
    ambito: row.ambito,
    version: row.version,
    firstName: row.first_name,
    lastName: row.last_name,
    ...optional('codiceFiscale', row.codice_fiscale),
    birthDate: row.birth_date,
    ...optional('sex', row.sex),
    ...optional('birthplace', row.birthplace),
    ...optional('citizenship', row.citizenship),
    municipality: row.municipality,
    ...optional('phone', row.phone),
    ...optional('email', row.email),
    birthplaceCode: row.birthplace_code,
    mergedInto: row.merged_into,
    pseudonymised: row.pseudonymised_at !== null,
    createdAt: row.created_at,
  };
}

async function execute(manager: EntityManager, sql: string, params: unknown[]) {
  return (await manager.queryRunner!.query(sql, params, true)) as { records: Record<string, never>[] };
}

/**
 * What a referral changes on a known person: contacts follow it, identity is only filled in where empty; a
 * rectification (`overwrite`) changes both.
 */
function changesOf(stored: PersonRecord, referred: ReferredPerson, overwrite = false): PersonChange[] {
  const changes: PersonChange[] = [];
  const compare = (columns: Record<string, keyof Person>, overwrite: boolean) => {
    for (const [column, key] of Object.entries(columns)) {
      const newValue = (referred[key] as string | undefined) ?? null;
      const oldValue = (stored[key] as string | undefined) ?? null;
      if (newValue === null || newValue === oldValue) continue;
      changes.push({ field: column, oldValue, newValue, applied: overwrite || oldValue === null });
    }
  };
  compare(IDENTITY, overwrite);
  compare(CONTACTS, true);
  return changes;
}

export class PersonRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The person a referral is about, inside the referral's transaction: with a codice fiscale, the ambito's
   * record of that code (created if new, race-safe on the unique index, and locked until the referral
   * commits), with its changes; without one, always a new record (duplicates are for the coordinator).
   */
  async referred(
    manager: EntityManager,
    ambito: string,
    person: ReferredPerson,
  ): Promise<{ id: string; changes: PersonChange[] }> {
    const { records } = await execute(
      manager,
      `INSERT INTO persons AS p (ambito, first_name, last_name, codice_fiscale, birth_date, sex, birthplace,
                                 birthplace_code, citizenship, municipality, phone, email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (ambito, codice_fiscale) WHERE codice_fiscale IS NOT NULL AND merged_into IS NULL
       DO UPDATE SET version = p.version
       RETURNING ${PERSON_COLUMNS}, (xmax = 0) AS created`,
      [
        ambito,
        person.firstName,
        person.lastName,
        person.codiceFiscale ?? null,
        person.birthDate,
        person.sex ?? null,
        person.birthplace ?? null,
        person.birthplaceCode ?? null,
        person.citizenship ?? null,
        person.municipality,
        person.phone ?? null,
        person.email ?? null,
      ],
    );
    const [row] = records as (Record<string, never> & { created: boolean })[];
    if (row.created) return { id: row.id, changes: [] };
    const stored = personOf(row);
    const changes = changesOf(stored, person);
    await this.apply(manager, stored, changes, person.birthplaceCode);
    return { id: stored.id, changes };
  }

  /** Writes the applied changes (the birthplace with its Belfiore code); false if not at `version` any more. */
  private async apply(
    manager: EntityManager,
    stored: PersonRecord,
    changes: PersonChange[],
    birthplaceCode: string | undefined,
    version?: number,
  ): Promise<boolean> {
    const applied = changes.filter((change) => change.applied);
    if (applied.length === 0) return true;
    const values: unknown[] = [stored.id, ...applied.map((change) => change.newValue)];
    const columns = applied.map((change, index) => `${change.field} = $${index + 2}`);
    if (applied.some((change) => change.field === 'birthplace')) {
      values.push(birthplaceCode ?? null);
      columns.push(`birthplace_code = $${values.length}`);
    }
    if (version !== undefined) values.push(version);
    const guard = version !== undefined ? `AND version = $${values.length}` : '';
    const { records } = await execute(
      manager,
      `UPDATE persons SET ${columns.join(', ')}, version = version + 1 WHERE id = $1 ${guard} RETURNING id`,
      values,
    );
    return records.length === 1;
  }

  /** Corrects the record (a rectification): every changed field recorded with its old value. */
  async rectify(
    stored: PersonRecord,
    expectedVersion: number,
    corrected: ReferredPerson,
    entry: { at: Date; userId: string },
  ): Promise<PersonChange[]> {
    return this.dataSource.transaction(async (manager) => {
      const changes = changesOf(stored, corrected, true);
      if (!(await this.apply(manager, stored, changes, corrected.birthplaceCode, expectedVersion))) {
        throw new DomainError('version_conflict', PERSON_CHANGED, {
          personId: stored.id,
        });
      }
      await this.recordChanges(manager, stored.id, { ...entry, caseId: null, source: 'rettifica' }, changes);
      return changes;
    });
  }

  async recordChanges(
    manager: EntityManager,
    personId: string,
    entry: { at: Date; userId: string | null; caseId: string | null; source: PersonChangeSource },
    changes: PersonChange[],
  ): Promise<void> {
    if (changes.length === 0) return;
    await execute(
      manager,
      `INSERT INTO person_changes (person_id, at, user_id, case_id, source, field, old_value, new_value, applied)
       SELECT $1, $2, $3, $4, $5, c.field, c.old_value, c.new_value, c.applied
       FROM unnest($6::text[], $7::text[], $8::text[], $9::boolean[]) AS c (field, old_value, new_value, applied)`,
      [
        personId,
        entry.at,
        entry.userId,
        entry.caseId,
        entry.source,
        changes.map((change) => change.field),
        changes.map((change) => change.oldValue),
        changes.map((change) => change.newValue),
        changes.map((change) => change.applied),
      ],
    );
  }

  async find(personId: string): Promise<PersonRecord | null> {
    const rows = await this.dataSource.query(`SELECT ${PERSON_COLUMNS} FROM persons p WHERE p.id = $1`, [
      personId,
    ]);
    return rows[0] ? personOf(rows[0]) : null;
  }

  async findByCodiceFiscale(ambito: string, codiceFiscale: string): Promise<PersonRecord | null> {
    const rows = await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS} FROM persons p
       WHERE p.ambito = $1 AND p.codice_fiscale = $2 AND p.merged_into IS NULL`,
      [ambito, codiceFiscale],
    );
    return rows[0] ? personOf(rows[0]) : null;
  }

  /** Every percorso of the person, newest first. */
  async percorsi(personId: string): Promise<PersonPercorso[]> {
    const rows = await this.dataSource.query(
      `SELECT c.id, c.ambito, c.phase, c.state, c.state_entered_at, c.created_at, c.updated_at,
              c.referring_organisation_id, o.name AS referring_organisation_name, c.previous_case_id, c.snapshot
       FROM cases c JOIN organisations o ON o.id = c.referring_organisation_id
       WHERE c.person_id = $1 ORDER BY c.created_at DESC, c.id`,
      [personId],
    );
    return rows.map((row: Record<string, never>) => ({
      id: row.id,
      ambito: row.ambito,
      phase: row.phase,
      state: row.state,
      stateEnteredAt: row.state_entered_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      referringOrganisationId: row.referring_organisation_id,
      referringOrganisationName: row.referring_organisation_name,
      previousCaseId: row.previous_case_id,
      snapshot: row.snapshot,
    }));
  }

  /**
   * Records of the ambito that may be this person: the same birth date (the index's narrow range) and a
   * similar name, where at least one of the two has no codice fiscale (two codes are two people).
   */
  async possibleDuplicates(person: PersonRecord): Promise<PossibleDuplicate[]> {
    const rows = await this.dataSource.query(
      `SELECT d.id, d.first_name, d.last_name, d.birth_date::text AS birth_date, d.codice_fiscale, d.birthplace,
              similarity(percorsi_search_fold(d.last_name || ' ' || d.first_name),
                         percorsi_search_fold($4 || ' ' || $5)) AS similarity,
              (SELECT count(*)::int FROM cases c WHERE c.person_id = d.id) AS percorsi
       FROM persons d
       WHERE d.ambito = $1 AND d.birth_date = $2 AND d.id <> $3
         AND d.merged_into IS NULL AND d.pseudonymised_at IS NULL
         AND (d.codice_fiscale IS NULL OR $6::text IS NULL)
         AND similarity(percorsi_search_fold(d.last_name || ' ' || d.first_name),
                        percorsi_search_fold($4 || ' ' || $5)) >= ${DUPLICATE_SIMILARITY}
       ORDER BY similarity DESC, d.id LIMIT 10`,
      [
        person.ambito,
        person.birthDate,
        person.id,
        person.lastName,
        person.firstName,
        person.codiceFiscale ?? null,
      ],
    );
    return rows.map((row: Record<string, never>) => ({
      id: row.id,
      firstName: row.first_name,
      lastName: row.last_name,
      birthDate: row.birth_date,
      codiceFiscale: row.codice_fiscale,
      birthplace: row.birthplace,
      similarity: Number(row.similarity),
      percorsi: row.percorsi,
    }));
  }

  /** Every change of the record, oldest first, with who made it. */
  async changes(personId: string) {
    const rows = await this.dataSource.query(
      `SELECT ch.at, ch.user_id, u.full_name, ch.case_id, ch.source, ch.field, ch.old_value, ch.new_value,
              ch.applied
       FROM person_changes ch LEFT JOIN users u ON u.id = ch.user_id
       WHERE ch.person_id = $1 ORDER BY ch.at, ch.id`,
      [personId],
    );
    return rows.map((row: Record<string, never>) => ({
      at: row.at,
      user: row.user_id ? { id: row.user_id, fullName: row.full_name } : null,
      caseId: row.case_id,
      source: row.source as PersonChangeSource,
      field: row.field,
      oldValue: row.old_value,
      newValue: row.new_value,
      applied: row.applied,
    }));
  }

  /** The merges this record survived, newest first. */
  async merges(personId: string) {
    const rows = await this.dataSource.query(
      `SELECT m.merged_id, m.at, m.user_id, u.full_name, m.reason, m.case_ids
       FROM person_merges m LEFT JOIN users u ON u.id = m.user_id
       WHERE m.survivor_id = $1 ORDER BY m.at DESC, m.id DESC`,
      [personId],
    );
    return rows.map((row: Record<string, never>) => ({
      mergedId: row.merged_id,
      at: row.at,
      user: row.user_id ? { id: row.user_id, fullName: row.full_name } : null,
      reason: row.reason,
      caseIds: row.case_ids,
    }));
  }

  /**
   * Gives a person without one a codice fiscale; the old value (none) stays in person_changes. The unique
   * index decides when another person of the ambito has the code, also against a racing addition.
   */
  async addCodiceFiscale(
    person: PersonRecord,
    expectedVersion: number,
    codiceFiscale: string,
    entry: { at: Date; userId: string },
  ): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const updated = await execute(
          manager,
          `UPDATE persons SET codice_fiscale = $3, version = version + 1
           WHERE id = $1 AND version = $2 AND codice_fiscale IS NULL AND merged_into IS NULL RETURNING id`,
          [person.id, expectedVersion, codiceFiscale],
        );
        if (updated.records.length === 0) {
          throw new DomainError('version_conflict', PERSON_CHANGED, {
            personId: person.id,
          });
        }
        await this.recordChanges(manager, person.id, { ...entry, caseId: null, source: 'codice_fiscale' }, [
          { field: 'codice_fiscale', oldValue: null, newValue: codiceFiscale, applied: true },
        ]);
      });
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      throw new DomainError(
        'in_use',
        {
          it: 'Un’altra persona dell’ambito ha questo codice fiscale: il coordinatore può unire le due schede.',
          en: 'Another person of the ambito has this codice fiscale: the coordinator can merge the two records.',
        },
        { field: 'codiceFiscale' },
      );
    }
  }

  /**
   * Merges `duplicate` into `survivor`: every percorso moves, the survivor takes the duplicate's codice
   * fiscale if it had none and fills its empty fields, the duplicate leaves the index (merged_into), and the
   * merge is recorded. Returns the percorsi that moved.
   */
  async merge(
    survivor: PersonRecord,
    duplicate: PersonRecord,
    entry: { at: Date; userId: string; reason: string },
  ): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      // Both rows locked, in id order so that two opposite merges cannot deadlock.
      const locked = await execute(
        manager,
        `SELECT id, version FROM persons WHERE id = ANY($1::uuid[]) AND merged_into IS NULL ORDER BY id FOR UPDATE`,
        [[survivor.id, duplicate.id]],
      );
      const versions = new Map(locked.records.map((row) => [row.id as string, row.version as number]));
      if (
        versions.get(survivor.id) !== survivor.version ||
        versions.get(duplicate.id) !== duplicate.version
      ) {
        throw new DomainError(
          'version_conflict',
          {
            it: 'Una delle due schede è cambiata nel frattempo: ricaricale.',
            en: 'One of the two records changed meanwhile: reload them.',
          },
          {
            personIds: [survivor.id, duplicate.id],
          },
        );
      }
      const moved = await execute(
        manager,
        'UPDATE cases SET person_id = $1 WHERE person_id = $2 RETURNING id',
        [survivor.id, duplicate.id],
      );
      // The household follows too; a link between the two records themselves has no meaning any more.
      await execute(
        manager,
        `DELETE FROM household_links WHERE (person_id, member_id) IN (($1, $2), ($2, $1))`,
        [survivor.id, duplicate.id],
      );
      await execute(manager, 'UPDATE household_links SET person_id = $1 WHERE person_id = $2', [
        survivor.id,
        duplicate.id,
      ]);
      await execute(manager, 'UPDATE household_links SET member_id = $1 WHERE member_id = $2', [
        survivor.id,
        duplicate.id,
      ]);
      const caseIds = moved.records.map((row) => row.id as string);
      // Records merged into the duplicate before now point to the survivor too.
      await execute(
        manager,
        `UPDATE persons SET merged_into = $1, version = version + 1 WHERE id = $2 OR merged_into = $2`,
        [survivor.id, duplicate.id],
      );
      const filled: PersonChange[] = [];
      const fill = (
        field: string,
        oldValue: string | null | undefined,
        newValue: string | null | undefined,
      ) => {
        if ((oldValue ?? null) === null && (newValue ?? null) !== null) {
          filled.push({ field, oldValue: null, newValue: newValue!, applied: true });
        }
      };
      fill('codice_fiscale', survivor.codiceFiscale, duplicate.codiceFiscale);
      fill('sex', survivor.sex, duplicate.sex);
      fill('birthplace', survivor.birthplace, duplicate.birthplace);
      fill('citizenship', survivor.citizenship, duplicate.citizenship);
      fill('phone', survivor.phone, duplicate.phone);
      fill('email', survivor.email, duplicate.email);
      const birthplaceCode = filled.some((change) => change.field === 'birthplace')
        ? duplicate.birthplaceCode
        : survivor.birthplaceCode;
      await execute(
        manager,
        `UPDATE persons SET ${[...filled.map((change, index) => `${change.field} = $${index + 3}`), 'version = version + 1', 'birthplace_code = $2'].join(', ')}
         WHERE id = $1`,
        [survivor.id, birthplaceCode, ...filled.map((change) => change.newValue)],
      );
      await this.recordChanges(
        manager,
        survivor.id,
        { at: entry.at, userId: entry.userId, caseId: null, source: 'unione' },
        [{ field: 'merged', oldValue: duplicate.id, newValue: survivor.id, applied: true }, ...filled],
      );
      await execute(
        manager,
        `INSERT INTO person_merges (ambito, survivor_id, merged_id, at, user_id, reason, case_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [survivor.ambito, survivor.id, duplicate.id, entry.at, entry.userId, entry.reason, caseIds],
      );
      return caseIds;
    });
  }

  /** Links a member to the person's household; 422 naming memberId if a current link already joins them. */
  async addHouseholdLink(
    ambito: string,
    personId: string,
    link: HouseholdLink,
    entry: { at: Date; userId: string },
  ): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      // The pair is locked in id order, so two racing links of the same two people cannot both pass.
      await execute(manager, 'SELECT 1 FROM persons WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [
        [personId, link.memberId],
      ]);
      const current = await execute(
        manager,
        `SELECT 1 FROM household_links
         WHERE (person_id, member_id) IN (($1, $2), ($2, $1)) AND (valid_to IS NULL OR valid_to >= $3::date)`,
        [personId, link.memberId, link.from],
      );
      if (current.records.length) {
        throw DomainError.invalidPayload([{ field: 'memberId', reason: 'is already in the household' }]);
      }
      const [{ id }] = (
        await execute(
          manager,
          `INSERT INTO household_links (ambito, person_id, member_id, relationship, valid_from, valid_to, created_at,
                                        created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            ambito,
            personId,
            link.memberId,
            link.relationship,
            link.from,
            link.to ?? null,
            entry.at,
            entry.userId,
          ],
        )
      ).records;
      return id as string;
    });
  }

  /** The person's household, read from her side (a link made from the member's side is inverted). */
  async household(personId: string): Promise<HouseholdMember[]> {
    const rows = await this.dataSource.query(
      `SELECT h.id, h.relationship, h.valid_from::text AS valid_from, h.valid_to::text AS valid_to,
              h.person_id = $1 AS own, m.id AS member_id, m.first_name, m.last_name, m.birth_date::text AS birth_date
       FROM household_links h
       JOIN persons m ON m.id = CASE WHEN h.person_id = $1 THEN h.member_id ELSE h.person_id END
       WHERE h.person_id = $1 OR h.member_id = $1
       ORDER BY h.valid_to NULLS FIRST, h.valid_from, m.last_name, m.id`,
      [personId],
    );
    return rows.map((row: Record<string, never>) => ({
      linkId: row.id,
      relationship: row.own
        ? row.relationship
        : INVERSE_RELATIONSHIP[row.relationship as HouseholdRelationship],
      from: row.valid_from,
      to: row.valid_to,
      member: {
        id: row.member_id,
        firstName: row.first_name,
        lastName: row.last_name,
        birthDate: row.birth_date,
      },
    }));
  }
}
