// The anagrafica for clients: a person's record (identity, contacts and their changes, percorsi, household),
// finding one by codice fiscale, adding a code to a person who had none, linking household members, merging
// two records of one person, and what a case shows of its person beyond it (the overlap box at triage, the
// linked percorsi, the household).
import { Inject, Injectable } from '@nestjs/common';
import {
  codiceFiscaleAdditionSchema,
  codiceFiscaleSchema,
  householdLinkSchema,
  personMergeSchema,
  personRectificationSchema,
  restoreCase,
  stateName,
} from '../../workflows/case/index.js';
import {
  AuditLog,
  percorsoLinkVisible,
  requireMayMergePersons,
  requirePersonVisible,
  requireVisible,
  type CaseFacts,
  type Viewer,
} from '../access/index.js';
import { CLOCK, DomainError, NO_SUCH, parseInput, type Clock } from '../common/index.js';
import { CaseRepository } from '../persistence/case.repository.js';
import { PersonRepository, type PersonPercorso } from '../persistence/person.repository.js';
import { checkedPerson } from './codice-fiscale-check.js';

const factsOf = (percorso: PersonPercorso): CaseFacts => ({
  ...percorso,
  context: restoreCase(percorso.snapshot).context,
});

/** One percorso as a list beside another shows it: where it stands, who leads it, since when, how it ended. */
function percorsoSummary(percorso: PersonPercorso) {
  const { context } = restoreCase(percorso.snapshot);
  const closed = percorso.phase === 'esito';
  return {
    id: percorso.id,
    phase: percorso.phase,
    state: percorso.state,
    stateLabel: stateName(percorso.state),
    closed,
    openedAt: percorso.createdAt,
    since: percorso.stateEnteredAt,
    responsabile: context.responsabile ? { name: context.responsabile.name } : null,
    referringOrganisation: percorso.referringOrganisationName,
    outcome: closed ? (context.outcome?.primary ?? null) : null,
    previousCaseId: percorso.previousCaseId,
  };
}

/** Open percorsi first (newest first), then the closed ones. */
const openFirst = (a: { closed: boolean }, b: { closed: boolean }) => Number(a.closed) - Number(b.closed);

@Injectable()
export class Persons {
  constructor(
    @Inject(PersonRepository) private readonly persons: PersonRepository,
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The person's record, her changes and the percorsi the viewer may know of; 404 for anyone else. */
  async get(personId: string, viewer: Viewer) {
    const { person, percorsi } = await this.visible(personId, viewer);
    const coordinates = viewer.role === 'coordinatore' && viewer.ambito === person.ambito;
    return {
      person,
      changes: await this.persons.changes(person.id),
      merges: await this.persons.merges(person.id),
      percorsi: percorsi
        .filter((percorso) => percorsoLinkVisible(viewer, factsOf(percorso)))
        .map(percorsoSummary)
        .sort(openFirst),
      possibleDuplicates:
        coordinates && !person.mergedInto ? await this.persons.possibleDuplicates(person) : [],
      household: await this.household(person.id, viewer),
    };
  }

  /** Links another person of the ambito to this one's household; both must be people the viewer may see. */
  async addHouseholdMember(personId: string, input: unknown, viewer: Viewer) {
    const { person } = await this.visible(personId, viewer);
    const link = parseInput(householdLinkSchema, input);
    if (link.memberId === person.id) {
      throw DomainError.invalidPayload([{ field: 'memberId', reason: 'is the person herself' }]);
    }
    await this.visible(link.memberId, viewer).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') {
        throw DomainError.invalidPayload([
          { field: 'memberId', reason: 'names no person of the ambito you may see' },
        ]);
      }
      throw error;
    });
    await this.persons.addHouseholdLink(person.ambito, person.id, link, {
      at: this.clock.now(),
      userId: viewer.userId,
    });
    return this.get(person.id, viewer);
  }

  /**
   * The household as the viewer may see it: every member (name, relationship, dates: the household is part
   * of the person's situation) with only those of the member's percorsi the viewer may know of. `current`:
   * the links holding today.
   */
  private async household(personId: string, viewer: Viewer, current = false) {
    const today = this.clock.now().toISOString().slice(0, 10);
    const members = (await this.persons.household(personId)).filter(
      (link) => !current || link.to === null || link.to >= today,
    );
    return Promise.all(
      members.map(async (link) => ({
        ...link,
        percorsi: (await this.persons.percorsi(link.member.id))
          .filter((percorso) => percorsoLinkVisible(viewer, factsOf(percorso)))
          .map(percorsoSummary)
          .sort(openFirst),
      })),
    );
  }

  /** The ambito's person of this code, if the viewer may see her (the referral form offers her). */
  async findByCodiceFiscale(code: unknown, viewer: Viewer) {
    const codiceFiscale = parseInput(codiceFiscaleSchema, code, 'codiceFiscale');
    const person = await this.persons.findByCodiceFiscale(viewer.ambito, codiceFiscale);
    if (!person) throw new DomainError('not_found', NO_SUCH.person, {});
    return this.get(person.id, viewer);
  }

  /** Adds a codice fiscale to a person who had none, checked like a referral's; recorded and audited. */
  async addCodiceFiscale(personId: string, input: unknown, viewer: Viewer) {
    const { person } = await this.visible(personId, viewer);
    const { codiceFiscale, codiceFiscaleConfirmed, expectedVersion } = parseInput(
      codiceFiscaleAdditionSchema,
      input,
    );
    if (person.codiceFiscale) {
      throw DomainError.invalidPayload([
        { field: 'codiceFiscale', reason: 'the person already has one (a correction is a rectification)' },
      ]);
    }
    await checkedPerson({ ...person, codiceFiscale, codiceFiscaleConfirmed }, null);
    const at = this.clock.now();
    await this.persons.addCodiceFiscale(person, expectedVersion, codiceFiscale, {
      at,
      userId: viewer.userId,
    });
    await this.audit.record({
      at,
      viewer,
      caseId: null,
      action: 'rettifica',
      fields: [`persona.${person.id}.codiceFiscale`],
      purpose: 'codice fiscale aggiunto',
    });
    return this.get(person.id, viewer);
  }

  /**
   * Corrects the record (GDPR art. 16): checked against the codice fiscale when birth date, sex or birthplace
   * change; every old value stays in person_changes, the reason in the audit log.
   */
  async rectify(personId: string, input: unknown, viewer: Viewer) {
    const { person } = await this.visible(personId, viewer);
    const { changes, reason, codiceFiscaleConfirmed, expectedVersion } = parseInput(
      personRectificationSchema,
      input,
    );
    const encoded = ['birthDate', 'sex', 'birthplace'].some((field) => field in changes);
    const corrected = await checkedPerson(
      { ...person, ...changes, codiceFiscaleConfirmed: codiceFiscaleConfirmed || !encoded },
      'changes',
    );
    const at = this.clock.now();
    const applied = await this.persons.rectify(person, expectedVersion, corrected, {
      at,
      userId: viewer.userId,
    });
    await this.audit.record({
      at,
      viewer,
      caseId: null,
      action: 'rettifica',
      fields: applied.map((change) => `persona.${person.id}.${change.field}`),
      purpose: reason,
    });
    return this.get(person.id, viewer);
  }

  /** Merges the duplicate into this person (the coordinator's): every percorso moves; recorded and audited. */
  async merge(survivorId: string, input: unknown, viewer: Viewer) {
    const survivor = await this.persons.find(survivorId);
    if (!survivor || survivor.ambito !== viewer.ambito) {
      throw new DomainError('not_found', NO_SUCH.person, { personId: survivorId });
    }
    requireMayMergePersons(viewer, survivor.ambito);
    const { duplicateId, reason } = parseInput(personMergeSchema, input);
    const duplicate = await this.persons.find(duplicateId);
    const problems = [];
    if (!duplicate || duplicate.ambito !== survivor.ambito) {
      problems.push({ field: 'duplicateId', reason: 'names no person of the ambito' });
    } else if (duplicate.id === survivor.id) {
      problems.push({ field: 'duplicateId', reason: 'is the same record' });
    } else if (duplicate.mergedInto || survivor.mergedInto) {
      problems.push({ field: 'duplicateId', reason: 'one of the two records was already merged' });
    } else if (
      duplicate.codiceFiscale &&
      survivor.codiceFiscale &&
      duplicate.codiceFiscale !== survivor.codiceFiscale
    ) {
      problems.push({ field: 'duplicateId', reason: 'the two records have different codici fiscali' });
    }
    if (problems.length) throw DomainError.invalidPayload(problems);
    const at = this.clock.now();
    const caseIds = await this.persons.merge(survivor, duplicate!, { at, userId: viewer.userId, reason });
    await this.audit.record({
      at,
      viewer,
      caseId: null,
      action: 'unione',
      fields: [`persona.${duplicate!.id}`, `persona.${survivor.id}`, ...caseIds.map((id) => `caso.${id}`)],
      purpose: reason,
    });
    return this.get(survivor.id, viewer);
  }

  /**
   * What a case shows of its person beyond itself, to those who may know (percorsoLinkVisible): her other
   * percorsi (open first), the percorso it continues and those that continue it, and, to the coordinator,
   * the records that may be the same person. The referring service alone gets the empty answer, the same
   * as for a person nobody knows.
   */
  async linksOf(caseId: string, viewer: Viewer) {
    const record = await this.cases.find(caseId);
    if (!record) throw new DomainError('not_found', NO_SUCH.case, { caseId });
    const facts = { ...record, context: restoreCase(record.snapshot).context };
    requireVisible(viewer, facts);
    const nothing = {
      personId: null,
      otherPercorsi: [],
      previous: null,
      following: [],
      possibleDuplicates: [],
      household: [],
    };
    if (!percorsoLinkVisible(viewer, facts)) return nothing;
    const person = (await this.persons.find(record.person.id))!;
    const others = (await this.persons.percorsi(person.id)).filter((percorso) => percorso.id !== caseId);
    const shown = others.filter((percorso) => percorsoLinkVisible(viewer, factsOf(percorso)));
    // The team of a continued percorso learns how the earlier one ended even when it cannot open it.
    const linked = (percorso: PersonPercorso | undefined) =>
      percorso && {
        ...percorsoSummary(percorso),
        mayOpen: percorsoLinkVisible(viewer, factsOf(percorso)),
      };
    const coordinates = viewer.role === 'coordinatore' && viewer.ambito === person.ambito;
    return {
      personId: person.id,
      otherPercorsi: shown.map(percorsoSummary).sort(openFirst),
      previous: linked(others.find((percorso) => percorso.id === record.previousCaseId)) ?? null,
      following: others
        .filter((percorso) => percorso.previousCaseId === caseId)
        .map((percorso) => linked(percorso)!),
      possibleDuplicates: coordinates ? await this.persons.possibleDuplicates(person) : [],
      household: await this.household(person.id, viewer, true),
    };
  }

  private async visible(personId: string, viewer: Viewer) {
    const person = await this.persons.find(personId);
    if (!person || person.ambito !== viewer.ambito) {
      throw new DomainError('not_found', NO_SUCH.person, { personId });
    }
    const percorsi = await this.persons.percorsi(person.id);
    requirePersonVisible(viewer, person, percorsi.map(factsOf));
    return { person, percorsi };
  }
}
