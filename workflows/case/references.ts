// Every user, organisation and document an event's payload names, with the field that names it. The engine
// checks each organisation and user against the directory (it must exist, belong together and belong to the
// case's ambito), the consent guards read the ones that bring an organisation into the case, and each
// document must be one of the case's own, of the kind the event records.
import type { CaseEventType } from './events.js';
import type { DocumentKind, OrganisationType } from './vocabulary.js';

/** The part of a payload that names an organisation, and the user working for it when it names one. */
export interface NamedReference {
  organisationId: string;
  organisationType?: OrganisationType;
  name?: string;
  userId?: string;
}

export interface Reference {
  /** Where the payload names it, as the API reports fields (`data.assessors.0`). */
  field: string;
  /** The payload's own object (a string id for bare organisation ids), so its names can be corrected. */
  target: NamedReference | null;
  organisationId: string;
  userId?: string;
  /** It makes the organisation take part in the case, which the person's consent must authorise. */
  joinsCase: boolean;
}

interface PayloadEvent {
  type: CaseEventType;
  data: unknown;
}

const named = (field: string, target: NamedReference, joinsCase: boolean): Reference => ({
  field,
  target,
  organisationId: target.organisationId,
  ...(target.userId !== undefined ? { userId: target.userId } : {}),
  joinsCase,
});

const each = (field: string, targets: NamedReference[], joinsCase: boolean): Reference[] =>
  targets.map((target, index) => named(`${field}.${index}`, target, joinsCase));

export function referencesOf(event: PayloadEvent): Reference[] {
  const data = event.data as Record<string, never>;
  switch (event.type) {
    case 'RECORD_CONSENT':
      return (data.authorisedOrganisations as string[]).map((organisationId, index) => ({
        field: `data.authorisedOrganisations.${index}`,
        target: null,
        organisationId,
        joinsCase: false,
      }));
    case 'ASSIGN_ASSESSORS':
      return each('data.assessors', data.assessors, true);
    case 'SCHEDULE_MEETING':
      return each('data.participants', data.participants, true);
    case 'DESIGNATE_RESPONSABILE':
      return [named('data.responsabile', data.responsabile, true)];
    case 'RECORD_MEETING':
      return [
        ...each('data.attendees', data.attendees, false),
        ...(data.responsabile ? [named('data.responsabile', data.responsabile, true)] : []),
      ];
    case 'UPDATE_PLAN':
      return (data.actions as { responsibleOrganisation: NamedReference }[]).map((action, index) =>
        named(`data.actions.${index}.responsibleOrganisation`, action.responsibleOrganisation, true),
      );
    default:
      return [];
  }
}

/** The organisations the event brings into the case, one reference each. */
export function organisationsJoining(event: PayloadEvent): Reference[] {
  const unique = new Map<string, Reference>();
  for (const reference of referencesOf(event)) {
    if (reference.joinsCase && !unique.has(reference.organisationId)) {
      unique.set(reference.organisationId, reference);
    }
  }
  return [...unique.values()];
}

/** The resources of the ambito's map a plan's actions link, with the field that names each. */
export function resourcesNamed(event: PayloadEvent): { field: string; resourceId: string }[] {
  if (event.type !== 'UPDATE_PLAN') return [];
  const actions = (event.data as { actions: { resourceIds?: string[] }[] }).actions;
  return actions.flatMap((action, index) =>
    (action.resourceIds ?? []).map((resourceId, position) => ({
      field: `data.actions.${index}.resourceIds.${position}`,
      resourceId,
    })),
  );
}

/** The events that can point at the signed paper among the case's documents, and the kind it must be. */
export const SIGNED_FORM_KINDS = {
  RECORD_CONSENT: 'consenso',
  SIGN: 'pais_firmato',
} as const satisfies Partial<Record<CaseEventType, DocumentKind>>;

/** The document the event names, if any, with the field that names it and the kind it must be. */
export function documentNamed(
  event: PayloadEvent,
): { field: string; documentId: string; kind: DocumentKind } | null {
  if (!(event.type in SIGNED_FORM_KINDS)) return null;
  const documentId = (event.data as { documentId?: string }).documentId;
  if (documentId === undefined) return null;
  const kind = SIGNED_FORM_KINDS[event.type as keyof typeof SIGNED_FORM_KINDS];
  return { field: 'data.documentId', documentId, kind };
}
