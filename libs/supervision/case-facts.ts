// What supervision needs to know about a case, taken from its snapshot. The projector compares these facts
// before and after each transition and writes what changed in the transition's transaction, so the summaries
// the supervision queries and the worklist read can never disagree with the case.
import { deadlinesOf, phaseOf, type CaseSnapshot } from '../../workflows/case/index.js';

export interface SupervisionFacts {
  escalations: number;
  /** Who the case waits on: its assessors during valutazione, and its responsabile; none once closed. */
  workers: { userId: string; responsabile: boolean }[];
  /** The running deadlines of the current state entry, by key; none once it is closed. */
  deadlines: { key: string; startsAt: string }[];
  /**
   * The organisations invited to the equipe meeting the case waits for, and its date: the meeting convened
   * and not held yet, while the case is in a `.convocata` state; none otherwise.
   */
  invitations: { organisationId: string; at: string }[];
}

function invitationsOf(snapshot: CaseSnapshot, state: string): SupervisionFacts['invitations'] {
  const meeting = snapshot.context.meetings.at(-1);
  if (!state.endsWith('.convocata') || !meeting || meeting.held) return [];
  const organisations = new Set(meeting.participants.map((participant) => participant.organisationId));
  return [...organisations].sort().map((organisationId) => ({ organisationId, at: meeting.date }));
}

export function supervisionFactsOf(snapshot: CaseSnapshot, state: string): SupervisionFacts {
  const { context } = snapshot;
  const responsabileUserId = context.responsabile?.userId ?? null;
  const facts = { escalations: context.escalations.length };
  if (phaseOf(state) === 'esito') return { ...facts, workers: [], deadlines: [], invitations: [] };
  const workers = new Map<string, boolean>();
  if (phaseOf(state) === 'valutazione') {
    for (const assessor of context.assessors) workers.set(assessor.userId, false);
  }
  if (responsabileUserId) workers.set(responsabileUserId, true);
  return {
    ...facts,
    workers: [...workers].map(([userId, responsabile]) => ({ userId, responsabile })),
    deadlines: deadlinesOf(snapshot).map((deadline) => ({ key: deadline.key, startsAt: deadline.startsAt })),
    invitations: invitationsOf(snapshot, state),
  };
}
