// Who learns that a person has other percorsi (DOMAIN.md, "One person, many percorsi"): the coordinator
// of the ambito and the team of each percorso (its member organisations and its responsabile), never the
// referring service through its referral alone, which is told nothing (minimisation).
import { CONTENT_RELATIONS, LINK_EVENT } from '../../workflows/case/index.js';
import { DomainError, NO_SUCH } from '../common/index.js';
import { relationsOf, type CaseFacts, type Viewer } from './case-access.js';

/** The viewer works this percorso (or coordinates its ambito): she may know of it beside another one. */
export function percorsoLinkVisible(viewer: Viewer, facts: CaseFacts): boolean {
  const relations = relationsOf(viewer, facts);
  return CONTENT_RELATIONS.some((relation) => relations.has(relation));
}

/**
 * A person's record shows to whoever may know of one of her percorsi; to anyone else she does not exist
 * (404, as a case). A record without percorsi (merged away) shows to the coordinator of its ambito.
 */
export function requirePersonVisible(
  viewer: Viewer,
  person: { id: string; ambito: string },
  percorsi: CaseFacts[],
): void {
  const coordinates = viewer.role === 'coordinatore' && viewer.ambito === person.ambito;
  if (!coordinates && !percorsi.some((facts) => percorsoLinkVisible(viewer, facts))) {
    throw new DomainError('not_found', NO_SUCH.person, { personId: person.id });
  }
}

/** Merging two records of one person is the coordinator's, in her own ambito. */
export function requireMayMergePersons(viewer: Viewer, ambito: string): void {
  if (viewer.role !== 'coordinatore' || viewer.ambito !== ambito) {
    throw new DomainError(
      'forbidden',
      {
        it: 'Solo il coordinatore dell’ambito unisce le schede delle persone.',
        en: 'Only the coordinator of the ambito merges person records.',
      },
      {
        rule: 'anagrafica: coordinatore dell’ambito',
      },
    );
  }
}

/** History entries name the percorso a referral continues: not to those who may not know of it. */
export function withoutLinks(eventData: unknown, linksShown: boolean): unknown {
  if (linksShown || typeof eventData !== 'object' || eventData === null || !('previousCaseId' in eventData)) {
    return eventData;
  }
  const { previousCaseId, ...rest } = eventData as Record<string, unknown>;
  void previousCaseId;
  return rest;
}

/** The referring service's status view of a closed case does not learn that the person was referred again. */
export function isStatusEntry(entry: { eventType: string }): boolean {
  return entry.eventType !== LINK_EVENT;
}
