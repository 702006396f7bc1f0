// Half-typed event forms of a case, kept while the user goes elsewhere in the app and comes back (to file
// the signed consent the PaIS needs first, to the person page, to another case): the actions panel lives
// with the case page, so its own state would go with it. Kept in memory only, never in browser storage
// (they hold personal data), per user and case, and dropped once the form is sent or cancelled.
import type { CaseEventType } from '../api/types';
import { useSession } from '../auth/auth';

type Values = Record<string, unknown>;

const drafts = new Map<string, Map<CaseEventType, Values>>();

export interface Drafts {
  /** The events whose form was left half-typed, in the order they were started. */
  started(): CaseEventType[];
  of(type: CaseEventType): Values | undefined;
  keep(type: CaseEventType, values: Values): void;
  drop(type: CaseEventType): void;
}

export function useDrafts(caseId: string): Drafts {
  const key = `${useSession().user?.id ?? ''}/${caseId}`;
  const forCase = () => {
    if (!drafts.has(key)) drafts.set(key, new Map());
    return drafts.get(key)!;
  };
  return {
    started: () => [...forCase().keys()],
    of: (type) => forCase().get(type),
    keep: (type, values) => forCase().set(type, values),
    drop: (type) => forCase().delete(type),
  };
}
