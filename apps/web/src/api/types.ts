// The shapes the API returns, typed from the statechart's own types where it has them.
import type {
  CaseContext,
  CaseEventType,
  DueDeadline,
  Person,
  Phase,
  Role,
  WorkflowDescription,
} from '../../../../workflows/case/index.js';

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
  phase: Phase;
  state: string;
  stateLabel: string;
  stateEnteredAt: string;
  updatedAt: string;
  person: { firstName: string; lastName: string; codiceFiscale: string };
}

export interface CaseList {
  items: CaseListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CaseView {
  id: string;
  version: number;
  phase: Phase;
  state: string;
  stateLabel: string;
  closed: boolean;
  ambito: string;
  person: Person & { id: string };
  data: CaseContext;
  availableEvents: CaseEventType[];
  deadlines: DueDeadline[];
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
