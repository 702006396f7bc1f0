// The anagrafica as the API gives it: a person's record and percorsi, a case's links to her other
// percorsi (the overlap box), adding a codice fiscale, merging two records.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HouseholdLink, HouseholdRelationship, Person } from '../../../../workflows/case/index.js';
import { api } from '../api/http';

export interface PercorsoSummary {
  id: string;
  phase: string;
  state: string;
  stateLabel: string;
  closed: boolean;
  openedAt: string;
  since: string;
  responsabile: { name: string } | null;
  referringOrganisation: string;
  outcome: string | null;
  previousCaseId: string | null;
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

/** A member of the person's household, with the member's percorsi the user may know of. */
export interface HouseholdMember {
  linkId: string;
  relationship: HouseholdRelationship;
  from: string;
  to: string | null;
  member: { id: string; firstName: string; lastName: string; birthDate: string };
  percorsi: PercorsoSummary[];
}

/** What a case shows of its person beyond itself; all empty for who may not know (the referring service). */
export interface CaseLinks {
  personId: string | null;
  otherPercorsi: PercorsoSummary[];
  previous: (PercorsoSummary & { mayOpen: boolean }) | null;
  following: (PercorsoSummary & { mayOpen: boolean })[];
  possibleDuplicates: PossibleDuplicate[];
  /** The links holding today. */
  household: HouseholdMember[];
}

export interface PersonRecord extends Person {
  id: string;
  ambito: string;
  version: number;
  birthplaceCode: string | null;
  mergedInto: string | null;
  pseudonymised: boolean;
}

export interface PersonChange {
  at: string;
  user: { id: string; fullName: string } | null;
  caseId: string | null;
  source: 'segnalazione' | 'codice_fiscale' | 'unione';
  field: string;
  oldValue: string | null;
  newValue: string | null;
  applied: boolean;
}

export interface PersonView {
  person: PersonRecord;
  changes: PersonChange[];
  merges: {
    mergedId: string;
    at: string;
    user: { fullName: string } | null;
    reason: string;
    caseIds: string[];
  }[];
  percorsi: PercorsoSummary[];
  possibleDuplicates: PossibleDuplicate[];
  household: HouseholdMember[];
}

const keys = {
  links: (caseId: string) => ['case', caseId, 'percorsi'] as const,
  person: (personId: string) => ['person', personId] as const,
};

export function useCaseLinks(caseId: string) {
  return useQuery({
    queryKey: keys.links(caseId),
    queryFn: () => api<CaseLinks>('GET', `/cases/${caseId}/links`),
  });
}

export function usePerson(personId: string) {
  return useQuery({
    queryKey: keys.person(personId),
    queryFn: () => api<PersonView>('GET', `/persons/${personId}`),
  });
}

/** The ambito's person of this code, or null when there is none the user may see. */
export async function findPerson(codiceFiscale: string): Promise<PersonView | null> {
  try {
    return await api<PersonView>('GET', `/persons?codiceFiscale=${encodeURIComponent(codiceFiscale)}`);
  } catch {
    return null;
  }
}

function useAnagraficaMutation<T>(request: (input: T) => Promise<PersonView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (view) => {
      client.setQueryData(keys.person(view.person.id), view);
      void client.invalidateQueries({ queryKey: ['case'] });
      void client.invalidateQueries({ queryKey: ['person'] });
    },
  });
}

export function useMergePersons(survivorId: string) {
  return useAnagraficaMutation((input: { duplicateId: string; reason: string }) =>
    api<PersonView>('POST', `/persons/${survivorId}/merge`, input),
  );
}

export function useAddCodiceFiscale(personId: string) {
  return useAnagraficaMutation(
    (input: { codiceFiscale: string; codiceFiscaleConfirmed?: boolean; expectedVersion: number }) =>
      api<PersonView>('POST', `/persons/${personId}/codice-fiscale`, input),
  );
}

export function useAddHouseholdMember(personId: string) {
  return useAnagraficaMutation((link: HouseholdLink) =>
    api<PersonView>('POST', `/persons/${personId}/household`, link),
  );
}

export function useRectifyPerson(personId: string) {
  return useAnagraficaMutation(
    (input: {
      changes: Record<string, string>;
      reason: string;
      expectedVersion: number;
      codiceFiscaleConfirmed?: boolean;
    }) => api<PersonView>('PATCH', `/persons/${personId}`, input),
  );
}
