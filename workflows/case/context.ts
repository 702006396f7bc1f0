// What the statechart remembers about a case. Personal identity is not here: the snapshot holds only
// the workflow, so access rules and erasure can treat the person's data separately.
import type { Outcome, OrganisationRef, PersonRef, PlanDraft } from './events.js';
import type { LifeDomain, Profilo } from './vocabulary.js';
import type { Referral } from './referral.js';

export interface Consent {
  given: boolean;
  informedOn: string;
  authorisedOrganisations: string[];
  /** The signed form among the case's documents. */
  documentId?: string;
  recordedAt: string;
}

export interface DomainAssessment {
  needLevel: string;
  summary: string;
  assessedAt: string;
  assessedBy: string;
}

export interface Meeting {
  level: 'primo_livello' | 'secondo_livello';
  date: string;
  place?: string;
  participants: OrganisationRef[];
  held?: { heldOn: string; attendees: OrganisationRef[]; minutes: string; decision: string };
}

export interface PlanVersion extends PlanDraft {
  version: number;
  submittedAt?: string;
  signedOn?: string;
  /** The signed plan among the case's documents. */
  signedDocumentId?: string;
}

export interface MonitoringCheck {
  checkedOn: string;
  andamento: 'regolare' | 'criticita' | 'interrotto';
  actions: { actionId: string; status: string; note?: string }[];
  note?: string;
  recordedAt: string;
}

export interface CaseContext {
  referral: Referral;
  consent: Consent | null;
  integrationRequests: { note: string; at: string }[];
  rejection: { reason: string; note?: string } | null;
  assessors: PersonRef[];
  assessments: Partial<Record<LifeDomain, DomainAssessment>>;
  profilo: Profilo | null;
  meetings: Meeting[];
  responsabile: PersonRef | null;
  /** The plan being drafted or in force; earlier versions stay in planHistory. */
  plan: PlanVersion | null;
  planHistory: PlanVersion[];
  monitoring: MonitoringCheck[];
  /**
   * The first check that counts towards two consecutive criticità: a signed plan or an escalation starts
   * the count again. Snapshots from before it existed count from the first check.
   */
  monitoringStreakStart?: number;
  /** Version 2 of the chart: the colloquio di accoglienza, when it was held (absent on version 1). */
  welcomeInterview?: { heldOn: string; summary: string; recordedAt: string; recordedBy: string };
  suspension: { reason: string; from: string } | null;
  escalations: { from: string; reason: string; at: string }[];
  outcome: (Outcome & { at: string }) | null;
  /** When each state that owns a deadline was last entered (state id → ISO time). */
  enteredAt: Record<string, string>;
}

export function initialCaseContext(referral: Referral): CaseContext {
  return {
    referral,
    consent: null,
    integrationRequests: [],
    rejection: null,
    assessors: [],
    assessments: {},
    profilo: null,
    meetings: [],
    responsabile: null,
    plan: null,
    planHistory: [],
    monitoring: [],
    monitoringStreakStart: 0,
    suspension: null,
    escalations: [],
    outcome: null,
    enteredAt: {},
  };
}
