// Who is told what when a case changes, read off the change itself (the snapshot before and after an
// event): the chart's one statement of notices, as `meta.deadlines` is of deadlines. Scheduling turns
// each notice into e-mails; nothing here sends anything.
import type { CaseSnapshot } from './case-snapshot.js';
import { phaseOf, stateIdOf } from './case-snapshot.js';
import type { Meeting } from './context.js';
import type { Recipient } from './deadlines.js';

export const NOTICE_KINDS = [
  'segnalazione_da_valutare',
  'valutatori_assegnati',
  'equipe_convocata',
  'responsabile_designato',
  'passaggio_secondo_livello',
  'percorso_concluso',
] as const;

export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface Notice {
  kind: NoticeKind;
  /** Roles of the case to tell, resolved against the case after the change. */
  to: Recipient[];
  /** People the change itself names (a new assessor, the new responsabile). */
  userIds: string[];
  /** Organisations the change itself names: every operator of each is told (a convocation). */
  organisationIds: string[];
  /** For a convocation: the meeting, and how many times it has been set (the calendar entry's revision). */
  meeting?: Meeting & { uid: string; revision: number };
}

const notice = (kind: NoticeKind, parts: Partial<Omit<Notice, 'kind'>>): Notice => ({
  kind,
  to: [],
  userIds: [],
  organisationIds: [],
  ...parts,
});

/** A meeting is the same calendar entry across reschedulings until it is held: one per level and round. */
function convocation(before: CaseSnapshot, after: CaseSnapshot): Notice | null {
  const meeting = after.context.meetings.at(-1);
  if (!meeting || meeting.held || after.context.meetings.length === before.context.meetings.length) {
    return null;
  }
  const sameLevel = after.context.meetings.filter((m) => m.level === meeting.level);
  const round = sameLevel.filter((m) => m.held).length;
  // Each SCHEDULE_MEETING of a round appends the meeting again: its count is the entry's revision.
  const revision = sameLevel.length - 1 - sameLevel.findLastIndex((m) => m.held);
  return notice('equipe_convocata', {
    organisationIds: meeting.participants.map((participant) => participant.organisationId),
    meeting: { ...meeting, uid: `${meeting.level}-${round + 1}`, revision },
  });
}

export function noticesOf(before: CaseSnapshot, after: CaseSnapshot): Notice[] {
  const notices: Notice[] = [];
  const state = stateIdOf(after);
  const entered =
    state !== stateIdOf(before) || after.context.enteredAt[state] !== before.context.enteredAt[state];
  if (state === 'segnalazione.inviata' && entered) {
    notices.push(notice('segnalazione_da_valutare', { to: ['coordinatore'] }));
  }
  const assessorsBefore = new Set(before.context.assessors.map((assessor) => assessor.userId));
  const newAssessors = after.context.assessors.filter((assessor) => !assessorsBefore.has(assessor.userId));
  if (newAssessors.length) {
    notices.push(
      notice('valutatori_assegnati', { userIds: newAssessors.map((assessor) => assessor.userId) }),
    );
  }
  const meeting = convocation(before, after);
  if (meeting) notices.push(meeting);
  const responsabile = after.context.responsabile;
  if (responsabile && responsabile.userId !== before.context.responsabile?.userId) {
    notices.push(notice('responsabile_designato', { userIds: [responsabile.userId] }));
  }
  // An escalation on expiry is told by the deadline that caused it (libs/scheduling); these are the others.
  const escalation = after.context.escalations.at(-1);
  if (
    after.context.escalations.length > before.context.escalations.length &&
    escalation?.reason !== 'scadenza'
  ) {
    notices.push(
      notice('passaggio_secondo_livello', { to: ['coordinatore', 'partecipanti_equipe', 'responsabile'] }),
    );
  }
  if (phaseOf(state) === 'esito' && phaseOf(stateIdOf(before)) !== 'esito') {
    notices.push(notice('percorso_concluso', { to: ['coordinatore', 'responsabile'] }));
  }
  return notices;
}
