// Who may do what with a case: one declarative table that the API enforces, the UI reads to offer
// actions, and the authorisation tests are generated from (DOMAIN.md, "Who may do what").
import type { CaseEventType } from './events.js';
import type { LifeDomain, OrganisationType, Role } from './vocabulary.js';

/**
 * How a user relates to a case. `inviante`: works for the referring organisation; `membro`: works for an
 * organisation taking part in the case (assessors, equipe, responsabile); `coordinatore`: coordinator of
 * the case's ambito; `responsabile`: the case manager.
 */
export type Relation = 'inviante' | 'membro' | 'coordinatore' | 'responsabile';

/** The roles through which each relation can act: a DPO or an administrator never acts on a case. */
export const RELATION_ROLES: Record<Relation, readonly Role[]> = {
  inviante: ['inviante', 'operatore', 'coordinatore'],
  membro: ['operatore', 'coordinatore'],
  coordinatore: ['coordinatore'],
  responsabile: ['operatore', 'coordinatore'],
};

export interface EventRule {
  name: string;
  allowed: readonly Relation[];
}

const REFERRAL: EventRule = {
  name: 'segnalazione: servizio inviante o coordinatore',
  allowed: ['inviante', 'coordinatore'],
};
const TRIAGE: EventRule = { name: 'triage: coordinatore dell’ambito', allowed: ['coordinatore'] };
const TEAM: EventRule = {
  name: 'equipe: organizzazioni partecipanti o coordinatore',
  allowed: ['membro', 'coordinatore'],
};
const PLAN: EventRule = {
  name: 'progetto: organizzazioni partecipanti, responsabile o coordinatore',
  allowed: ['membro', 'responsabile', 'coordinatore'],
};

export const EVENT_RULES: Record<CaseEventType, EventRule> = {
  UPDATE_REFERRAL: REFERRAL,
  SUBMIT: REFERRAL,
  RESUBMIT: REFERRAL,
  RECORD_CONSENT: {
    name: 'consenso: chi segue la persona',
    allowed: ['inviante', 'membro', 'responsabile', 'coordinatore'],
  },
  ACCEPT: TRIAGE,
  REQUEST_INTEGRATION: TRIAGE,
  REJECT: TRIAGE,
  RECORD_WELCOME_INTERVIEW: TRIAGE,
  ASSIGN_ASSESSORS: TRIAGE,
  RECORD_DOMAIN_ASSESSMENT: TEAM,
  COMPLETE_ASSESSMENT: TEAM,
  SCHEDULE_MEETING: TEAM,
  DESIGNATE_RESPONSABILE: TEAM,
  RECORD_MEETING: TEAM,
  ESCALATE: TEAM,
  UPDATE_PLAN: PLAN,
  SUBMIT_FOR_SIGNATURE: PLAN,
  SIGN: PLAN,
  REFUSE: PLAN,
  RECORD_MONITORING: PLAN,
  REVISE_PLAN: PLAN,
  SUSPEND: PLAN,
  RESUME: PLAN,
  CLOSE: {
    name: 'chiusura: responsabile del percorso o coordinatore',
    allowed: ['responsabile', 'coordinatore'],
  },
};

/** Relations that see the case's content; the referring organisation alone sees its status only. */
export const CONTENT_RELATIONS: readonly Relation[] = ['membro', 'coordinatore', 'responsabile'];

export const CREATE_CASE_ROLES: readonly Role[] = ['inviante', 'operatore', 'coordinatore'];

/** GDPR's kinds of personal data: common, special categories (art. 9: health), criminal (art. 10). */
export const DATA_CATEGORIES = ['comuni', 'particolari', 'giudiziari'] as const;

export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const DOMAIN_CATEGORIES: Record<LifeDomain, DataCategory> = {
  lavoro: 'comuni',
  reddito: 'comuni',
  casa: 'comuni',
  salute: 'particolari',
  dipendenze: 'particolari',
  salute_mentale: 'particolari',
  disabilita: 'particolari',
  giustizia: 'giudiziari',
  famiglia_cura: 'comuni',
  istruzione: 'comuni',
  lingua: 'comuni',
};

/** Besides the responsabile, only members from these organisations read each protected category. */
export const CATEGORY_READERS: Record<Exclude<DataCategory, 'comuni'>, readonly OrganisationType[]> = {
  particolari: ['serd', 'salute_mentale', 'disabilita'],
  giudiziari: ['uepe'],
};
