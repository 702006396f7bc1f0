// The shapes the API returns, typed from the statechart's own types where it has them (Worded: with their
// texts in the language the UI asked for).
import type {
  BlockedEvent as ChartBlockedEvent,
  CaseContext,
  CaseEventType,
  DueDeadline as ChartDueDeadline,
  Person,
  Phase,
  Role,
  WorkflowDescription as ChartDescription,
  Worded,
} from '../../../../workflows/case/index.js';

type BlockedEvent = Worded<ChartBlockedEvent>;
type DueDeadline = Worded<ChartDueDeadline>;
type WorkflowDescription = Worded<ChartDescription>;

export type { CaseEventType, Phase, WorkflowDescription };

export interface Me {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  organisation: { id: string; name: string; type: string; ambito: string };
}

export interface CaseListItem {
  id: string;
  version: number;
  /** The version of the chart the case runs on (GET /api/workflow?version=). */
  workflowVersion: number;
  phase: Phase;
  state: string;
  stateLabel: string;
  stateEnteredAt: string;
  updatedAt: string;
  /** `status`: the viewer's service referred the case and sees only where it stands. */
  access: 'content' | 'status';
  person: ListedPerson;
  /** A closed case's primary outcome (null while open). */
  outcome: string | null;
  /** Content rows only. */
  nextDeadline?: NextDeadline | null;
  deadlines?: DueDeadline[];
  /** The case's stored state could not be read: it is listed, but its content cannot be shown. */
  unreadable?: true;
}

export type ListedPerson =
  { firstName: string; lastName: string; codiceFiscale: string } | { initials: string };

export function displayName(person: ListedPerson | { firstName: string; lastName: string }): string {
  return 'initials' in person ? person.initials : `${person.lastName} ${person.firstName}`;
}

/** One thing "Le mie attività" lists: its kind, its case and when it is due (or the meeting is). */
export interface WorkItem {
  kind: 'scadenza' | 'riunione' | 'firma' | 'verifica' | 'triage';
  caseId: string;
  at: string;
  overdue: boolean;
  deadline: { key: string; label: string } | null;
  phase: Phase;
  state: string;
  stateLabel: string;
  person: { firstName: string; lastName: string };
}

export interface Activities {
  until: string;
  items: WorkItem[];
  /** More items than the page holds. */
  more: boolean;
}

export type DataCategory = 'comuni' | 'particolari' | 'giudiziari';

export interface CaseDocument {
  id: string;
  kind: string;
  category: DataCategory;
  description: string | null;
  filename: string;
  mediaType: string;
  size: number;
  uploadedAt: string;
  uploadedBy: { userId: string; name: string };
}

/** A document of a category the viewer does not read: listed by its category alone. */
export interface WithheldDocument {
  id: string;
  category: DataCategory;
  withheld: true;
}

/** An e-mail Percorsi sent the user: a reminder, an alert or a notice of a change. */
export interface MyNotification {
  id: number;
  caseId: string;
  kind: string;
  subject: string;
  sentAt: string;
}

export interface MyNotifications {
  items: MyNotification[];
  nextBefore: number | null;
}

export interface CaseList {
  items: CaseListItem[];
  /** Exact unless `totalCapped`, when there are more than `total`. */
  total: number;
  totalCapped: boolean;
  pageSize: number;
  nextCursor: string | null;
}

/** What the referring service sees once the case is taken on: where it stands, no content. */
export interface CaseStatusView {
  access: 'status';
  id: string;
  version: number;
  /** The version of the chart the case runs on (GET /api/workflow?version=). */
  workflowVersion: number;
  phase: Phase;
  state: string;
  stateLabel: string;
  closed: boolean;
  outcome: string | null;
  createdAt: string;
  updatedAt: string;
  person: { initials: string };
}

/** The server's: the earliest running deadline under the ambito's rules and whether it had passed. */
export interface NextDeadline {
  key: string;
  label: string;
  dueAt: string;
  overdue: boolean;
}

export interface CaseView {
  access: 'content';
  id: string;
  version: number;
  /** The version of the chart the case runs on (GET /api/workflow?version=). */
  workflowVersion: number;
  phase: Phase;
  state: string;
  stateLabel: string;
  closed: boolean;
  ambito: string;
  person: Person & { id: string };
  data: CaseContext;
  /** Protected fields left out for this viewer (the value is never sent). */
  withheld: { field: string; category: DataCategory }[];
  /** The viewer reads the case only as its referring service: the ambito's record of the person's contacts is not sent. */
  contactsWithheld: boolean;
  availableEvents: CaseEventType[];
  /** The accepted events this viewer may apply (the rules table): what the actions panel offers. */
  allowedEvents: CaseEventType[];
  /** Events this viewer could apply here that a rule of the process holds back now, with the rule's words. */
  blockedEvents: BlockedEvent[];
  deadlines: DueDeadline[];
  nextDeadline: NextDeadline | null;
  enteredStateAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface HistoryItem {
  seq: number;
  at: string;
  actorName: string | null;
  eventType: string;
  eventData: Record<string, unknown> | null;
  fromState: string | null;
  toState: string;
}

/** E-mails the scheduler sent about the case; the history carries them once the deadlines work lands. */
export interface SentNotification {
  at: string;
  recipient: string;
  kind: string;
  subject: string;
}

export interface CaseHistory {
  items: HistoryItem[];
  /** Payloads left out for this viewer: `history.<seq>.eventData` and the category. */
  withheld?: { field: string; category: 'comuni' | 'particolari' | 'giudiziari' }[];
  notifications?: SentNotification[];
}

export interface Organisation {
  id: string;
  name: string;
  type: string;
  ambito: string;
}

export interface DirectoryUser {
  id: string;
  fullName: string;
  role: Role;
  organisation: { id: string; name: string; type: string };
}

/** One row of GET /api/supervision/stuck: a case late on a deadline or past its state's threshold. */
export interface StuckCase {
  id: string;
  initials: string;
  person: { firstName: string; lastName: string };
  phase: Phase;
  phaseLabel: string;
  state: string;
  stateLabel: string;
  stateEnteredAt: string;
  daysInState: number;
  overdueSince: string;
  daysOverdue: number;
  reasons: ({ kind: 'deadline'; key: string; label: string } | { kind: 'threshold'; label: string })[];
  responsabile: { userId: string; name: string | null } | null;
  lastEvent: { type: string; at: string; actorUserId: string | null; actorName: string } | null;
  escalations: number;
}

export interface StuckList {
  ambito: string;
  items: StuckCase[];
  total: number;
  page: number;
  pageSize: number;
}

/** GET /api/supervision/thresholds: one open state's "in this state too long" threshold in the ambito. */
export interface Threshold {
  state: string;
  stateLabel: string;
  phase: Phase;
  phaseLabel: string;
  defaultDays: number | null;
  ambitoSet: boolean;
  ambitoDays: number | null;
  effectiveDays: number | null;
  updatedAt: string | null;
  updatedBy: { userId: string; name: string | null } | null;
}

export interface Workload {
  userId: string;
  name: string | null;
  open: number;
  overdue: number;
}

/** GET /api/supervision/dashboard: the coordinator's figures for their ambito. */
export interface Dashboard {
  ambito: string;
  range: { from: string; to: string; period: 'month' | 'quarter' | 'year' };
  funnel: { phase: Phase; label: string; cases: number }[];
  phaseDurations: {
    phase: Phase;
    label: string;
    visits: number;
    medianDays: number | null;
    p90Days: number | null;
  }[];
  referrals: { month: string; organisationId: string; organisation: string | null; referrals: number }[];
  outcomes: { period: string; outcome: string; cases: number }[];
  workload: { operators: Workload[]; responsabili: Workload[] };
  escalations: { month: string; escalations: number }[];
  /** Today: people with an open percorso, and the households they make up. */
  inCare: { persons: number; households: number };
}

/** GET /api/cases/:id/diary: an entry as it stands now (`version` > 1: edited; earlier versions kept). */
export interface DiaryEntry {
  id: string;
  version: number;
  occurredOn: string;
  category: 'comuni' | 'particolari' | 'giudiziari';
  text: string;
  author: { userId: string; name: string };
  createdAt: string;
  writtenBy: { userId: string; name: string };
  writtenAt: string;
  edited: boolean;
}

/** An entry of a category the reader may not read: its day and category only. */
export interface WithheldDiaryEntry {
  id: string;
  occurredOn: string;
  category: 'particolari' | 'giudiziari';
  withheld: true;
}
