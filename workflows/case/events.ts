// One zod schema per event type: the payload (`data`) the API validates and the UI's forms reuse.
// Objects are strict, so an unknown field is an error rather than silently dropped.
import { z } from 'zod';
import { id, isoDate, isoDateTime, text } from './primitives.js';
import { referralAccessFields } from './referral.js';
import {
  ACTION_STATUSES,
  ANDAMENTI,
  CONTRACT_TYPES,
  LIFE_DOMAINS,
  NEED_LEVELS,
  ORGANISATION_TYPES,
  OUTCOME_CODES,
  PROFILI,
  REJECTION_REASONS,
} from './vocabulary.js';

export const organisationRefSchema = z.strictObject({
  organisationId: id,
  organisationType: z.enum(ORGANISATION_TYPES),
  name: text(200).optional(),
});

export const personRefSchema = z.strictObject({
  userId: id,
  name: text(200),
  organisationId: id,
  organisationType: z.enum(ORGANISATION_TYPES),
});

export const outcomeSchema = z
  .strictObject({
    primary: z.enum(OUTCOME_CODES),
    secondary: z.array(z.enum(OUTCOME_CODES)).max(OUTCOME_CODES.length).default([]),
    contractType: z.enum(CONTRACT_TYPES).optional(),
    note: text(4000).optional(),
  })
  .superRefine((outcome, ctx) => {
    const employment = outcome.primary === 'occupazione' || outcome.secondary.includes('occupazione');
    if (employment && !outcome.contractType) {
      ctx.addIssue({
        code: 'custom',
        path: ['contractType'],
        message: 'required when the outcome includes occupazione',
      });
    }
    if (outcome.secondary.includes(outcome.primary)) {
      ctx.addIssue({ code: 'custom', path: ['secondary'], message: 'must not repeat the primary outcome' });
    }
  });

const goalSchema = z.strictObject({ id, description: text(2000) });

const planActionSchema = z.strictObject({
  id,
  description: text(2000),
  goalId: id,
  responsibleOrganisation: organisationRefSchema,
  startDate: isoDate,
  endDate: isoDate,
  /** Free text, for what the resource map does not catalogue. */
  resources: z.array(text(300)).max(50).default([]),
  /** Resources of the ambito's map (their ids), checked against it when the plan is saved. */
  resourceIds: z.array(id).max(20).default([]),
});

export const planDraftSchema = z
  .strictObject({
    goals: z.array(goalSchema).max(50),
    actions: z.array(planActionSchema).max(200),
    commitments: z.array(text(2000)).max(50),
    endDate: isoDate.optional(),
  })
  .superRefine((plan, ctx) => {
    const goalIds = new Set(plan.goals.map((goal) => goal.id));
    plan.actions.forEach((action, index) => {
      if (!goalIds.has(action.goalId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['actions', index, 'goalId'],
          message: 'names no goal of the plan',
        });
      }
      if (action.endDate < action.startDate) {
        ctx.addIssue({ code: 'custom', path: ['actions', index, 'endDate'], message: 'is before startDate' });
      }
    });
  });

const empty = z.strictObject({});

export const caseEventSchemas = {
  // segnalazione
  UPDATE_REFERRAL: z.strictObject({
    reason: text(4000).optional(),
    needs: z.array(z.enum(LIFE_DOMAINS)).min(1).optional(),
    urgency: z.enum(['ordinaria', 'alta']).optional(),
    ...referralAccessFields,
  }),
  RECORD_CONSENT: z.strictObject({
    given: z.boolean(),
    informedOn: isoDate,
    authorisedOrganisations: z.array(id).max(50).default([]),
    /** The signed consent form filed among the case's documents (kind consenso). */
    documentId: z.uuid().optional(),
  }),
  SUBMIT: empty,
  REQUEST_INTEGRATION: z.strictObject({ note: text(4000) }),
  RESUBMIT: z.strictObject({ note: text(4000).optional() }),
  ACCEPT: z.strictObject({ note: text(4000).optional() }),
  REJECT: z
    .strictObject({
      reason: z.enum(REJECTION_REASONS),
      note: text(4000).optional(),
      /** gia_in_carico: the person's percorso that already takes care of her (the engine checks it is). */
      percorsoId: z.uuid().optional(),
    })
    .refine((data) => data.reason !== 'gia_in_carico' || data.percorsoId !== undefined, {
      path: ['percorsoId'],
      message: 'names the percorso already taking care of the person (required with gia_in_carico)',
    })
    .refine((data) => data.reason === 'gia_in_carico' || data.percorsoId === undefined, {
      path: ['percorsoId'],
      message: 'is only for the reason gia_in_carico',
    }),
  // valutazione
  /** Version 2 of the chart: the colloquio di accoglienza, a first meeting with the person before the assessment. */
  RECORD_WELCOME_INTERVIEW: z.strictObject({ heldOn: isoDate, summary: text(4000) }),
  ASSIGN_ASSESSORS: z.strictObject({ assessors: z.array(personRefSchema).min(1).max(20) }),
  RECORD_DOMAIN_ASSESSMENT: z.strictObject({
    domain: z.enum(LIFE_DOMAINS),
    needLevel: z.enum(NEED_LEVELS),
    summary: text(4000),
  }),
  COMPLETE_ASSESSMENT: z.strictObject({ profilo: z.enum(PROFILI), summary: text(4000).optional() }),
  // equipe
  SCHEDULE_MEETING: z.strictObject({
    date: isoDateTime,
    place: text(300).optional(),
    participants: z.array(organisationRefSchema).min(2).max(30),
  }),
  DESIGNATE_RESPONSABILE: z.strictObject({ responsabile: personRefSchema }),
  RECORD_MEETING: z.discriminatedUnion('decision', [
    z.strictObject({
      decision: z.literal('pais'),
      heldOn: isoDate,
      attendees: z.array(organisationRefSchema).min(1).max(30),
      minutes: text(20000),
      responsabile: personRefSchema.optional(),
    }),
    z.strictObject({
      decision: z.literal('escalate'),
      heldOn: isoDate,
      attendees: z.array(organisationRefSchema).min(1).max(30),
      minutes: text(20000),
    }),
    z.strictObject({
      decision: z.literal('chiusura'),
      heldOn: isoDate,
      attendees: z.array(organisationRefSchema).min(1).max(30),
      minutes: text(20000),
      outcome: outcomeSchema,
    }),
  ]),
  ESCALATE: z.strictObject({
    reason: z.enum(['decisione', 'scadenza', 'criticita']),
    note: text(4000).optional(),
  }),
  // pais
  UPDATE_PLAN: planDraftSchema,
  SUBMIT_FOR_SIGNATURE: empty,
  SIGN: z.strictObject({
    signedOn: isoDate,
    /** The signed PaIS filed among the case's documents (kind pais_firmato). */
    documentId: z.uuid().optional(),
  }),
  REFUSE: z.strictObject({ note: text(4000).optional() }),
  // monitoraggio
  RECORD_MONITORING: z.strictObject({
    checkedOn: isoDate,
    andamento: z.enum(ANDAMENTI),
    actions: z
      .array(z.strictObject({ actionId: id, status: z.enum(ACTION_STATUSES), note: text(2000).optional() }))
      .max(200)
      .default([]),
    note: text(4000).optional(),
  }),
  REVISE_PLAN: z.strictObject({ reason: text(4000) }),
  SUSPEND: z.strictObject({ reason: text(4000), from: isoDate }),
  RESUME: z.strictObject({ note: text(4000).optional() }),
  CLOSE: z.strictObject({ outcome: outcomeSchema }),
} as const;

export type CaseEventType = keyof typeof caseEventSchemas;
export const CASE_EVENT_TYPES = Object.keys(caseEventSchemas) as CaseEventType[];

export type CaseEventData<T extends CaseEventType> = z.output<(typeof caseEventSchemas)[T]>;

/** Who acted and when: added by the engine, never trusted from the client. */
export interface EventEnvelope {
  at: string;
  actor: { userId: string; role: string; organisationId: string };
}

export type CaseEvent = {
  [T in CaseEventType]: { type: T; data: CaseEventData<T> } & EventEnvelope;
}[CaseEventType];

export type Outcome = z.output<typeof outcomeSchema>;
export type PersonRef = z.output<typeof personRefSchema>;
export type OrganisationRef = z.output<typeof organisationRefSchema>;
export type PlanDraft = z.output<typeof planDraftSchema>;
