// The path of a case, segnalazione → valutazione → equipe → pais → monitoraggio → esito (DOMAIN.md).
// Pure: no I/O and no clock; every event carries the time it happened (`at`) and who acted.
// Deadlines are declared next to the state that owns them (meta.deadlines); scheduling reads them.
// Every released version of the chart is built here from the same pieces: what a later version adds is
// behind one of its ChartFeatures, so an earlier version's machine stays what it was when released (the
// versions are declared in v1/, v2/…; versions.ts lists them).
import { assign, setup } from 'xstate';
import { initialCaseContext, type CaseContext, type PlanVersion } from './context.js';
import type { DeadlineSpec } from './deadlines.js';
import type { CaseEvent, CaseEventData, CaseEventType, Outcome } from './events.js';
import { evaluateGuard, type GuardName } from './guards.js';
import type { Referral } from './referral.js';

function dataOf<T extends CaseEventType>(event: CaseEvent, type: T): CaseEventData<T> {
  if (event.type !== type) throw new Error(`expected ${type}, got ${event.type}`);
  return event.data as CaseEventData<T>;
}

const guard =
  (name: GuardName) =>
  ({ context, event }: { context: CaseContext; event: CaseEvent }, params?: Record<string, unknown>) =>
    evaluateGuard(name, { context, event, params });

/** A state that owns deadlines stamps its entry time, from which its deadlines are counted. */
function withDeadlines(stateId: string, deadlines: DeadlineSpec[]) {
  return { entry: [{ type: 'stampEntry' as const, params: { stateId } }], meta: { deadlines } };
}

function nextPlanVersion(context: CaseContext): PlanVersion {
  const current = context.plan;
  if (!current) return { version: 1, goals: [], actions: [], commitments: [] };
  if (!current.signedOn) return current;
  const { goals, actions, commitments, endDate } = current;
  return { version: current.version + 1, goals, actions, commitments, endDate };
}

const toEsito = '#case.esito';
const toSecondoLivello = '#case.equipe.secondo_livello';

/** What a version of the chart has beyond version 1. */
export interface ChartFeatures {
  version: number;
  /** Version 2: an optional colloquio di accoglienza when the valutazione starts, before the assessors. */
  welcomeInterview: boolean;
}

const caseSetup = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as { referral: Referral },
  },
  guards: {
    consentRecorded: guard('consentRecorded'),
    assessorsCoverSocialAndLabour: guard('assessorsCoverSocialAndLabour'),
    completesAs: guard('completesAs'),
    meetingComposition: guard('meetingComposition'),
    decides: guard('decides'),
    planComplete: guard('planComplete'),
    secondConsecutiveCriticita: guard('secondConsecutiveCriticita'),
    organisationsConsented: guard('organisationsConsented'),
  },
  actions: {
    stampEntry: assign({
      enteredAt: ({ context, event }, params: { stateId: string }) => ({
        ...context.enteredAt,
        [params.stateId]: event.at,
      }),
    }),
    updateReferral: assign({
      referral: ({ context, event }) => ({ ...context.referral, ...dataOf(event, 'UPDATE_REFERRAL') }),
    }),
    recordConsent: assign({
      consent: ({ event }) => ({ ...dataOf(event, 'RECORD_CONSENT'), recordedAt: event.at }),
    }),
    recordIntegrationRequest: assign({
      integrationRequests: ({ context, event }) => [
        ...context.integrationRequests,
        { note: dataOf(event, 'REQUEST_INTEGRATION').note, at: event.at },
      ],
    }),
    recordRejection: assign({
      rejection: ({ event }) => dataOf(event, 'REJECT'),
      outcome: ({ event }) => ({ primary: 'segnalazione_non_accolta' as const, secondary: [], at: event.at }),
    }),
    assignAssessors: assign({ assessors: ({ event }) => dataOf(event, 'ASSIGN_ASSESSORS').assessors }),
    recordDomainAssessment: assign({
      assessments: ({ context, event }) => {
        const { domain, needLevel, summary } = dataOf(event, 'RECORD_DOMAIN_ASSESSMENT');
        return {
          ...context.assessments,
          [domain]: { needLevel, summary, assessedAt: event.at, assessedBy: event.actor.userId },
        };
      },
    }),
    setProfilo: assign({ profilo: ({ event }) => dataOf(event, 'COMPLETE_ASSESSMENT').profilo }),
    recordAutomaticOutcome: assign({
      outcome: ({ event }, params: { primary: Outcome['primary'] }) => ({
        primary: params.primary,
        secondary: [],
        at: event.at,
      }),
    }),
    scheduleMeeting: assign({
      meetings: ({ context, event }, params: { level: 'primo_livello' | 'secondo_livello' }) => [
        ...context.meetings,
        { level: params.level, ...dataOf(event, 'SCHEDULE_MEETING') },
      ],
    }),
    recordMeeting: assign({
      meetings: ({ context, event }) => {
        const { heldOn, attendees, minutes, decision } = dataOf(event, 'RECORD_MEETING');
        const last = context.meetings.at(-1);
        if (!last) return context.meetings;
        return [
          ...context.meetings.slice(0, -1),
          { ...last, held: { heldOn, attendees, minutes, decision } },
        ];
      },
      responsabile: ({ context, event }) => {
        const data = dataOf(event, 'RECORD_MEETING');
        return data.decision === 'pais' && data.responsabile ? data.responsabile : context.responsabile;
      },
      outcome: ({ context, event }) => {
        const data = dataOf(event, 'RECORD_MEETING');
        return data.decision === 'chiusura' ? { ...data.outcome, at: event.at } : context.outcome;
      },
    }),
    designateResponsabile: assign({
      responsabile: ({ event }) => dataOf(event, 'DESIGNATE_RESPONSABILE').responsabile,
    }),
    recordEscalation: assign({
      escalations: ({ context, event }, params: { from: string }) => {
        const reason =
          event.type === 'ESCALATE'
            ? event.data.reason
            : event.type === 'RECORD_MONITORING'
              ? 'criticita'
              : 'decisione';
        return [...context.escalations, { from: params.from, reason, at: event.at }];
      },
      monitoringStreakStart: ({ context }) => context.monitoring.length,
    }),
    startPlanVersion: assign({
      planHistory: ({ context }) =>
        context.plan?.signedOn ? [...context.planHistory, context.plan] : context.planHistory,
      plan: ({ context }) => nextPlanVersion(context),
    }),
    updatePlan: assign({
      plan: ({ context, event }) => ({
        version: context.plan?.version ?? 1,
        ...dataOf(event, 'UPDATE_PLAN'),
      }),
    }),
    markPlanSubmitted: assign({
      plan: ({ context, event }) => context.plan && { ...context.plan, submittedAt: event.at },
    }),
    signPlan: assign({
      plan: ({ context, event }) => {
        const { signedOn, documentId } = dataOf(event, 'SIGN');
        return (
          context.plan && {
            ...context.plan,
            signedOn,
            ...(documentId ? { signedDocumentId: documentId } : {}),
          }
        );
      },
      monitoringStreakStart: ({ context }) => context.monitoring.length,
    }),
    recordMonitoring: assign({
      monitoring: ({ context, event }) => [
        ...context.monitoring,
        { ...dataOf(event, 'RECORD_MONITORING'), recordedAt: event.at },
      ],
    }),
    recordSuspension: assign({
      suspension: ({ event }) => {
        const { reason, from } = dataOf(event, 'SUSPEND');
        return { reason, from };
      },
    }),
    clearSuspension: assign({ suspension: null }),
    recordWelcomeInterview: assign({
      welcomeInterview: ({ event }) => ({
        ...dataOf(event, 'RECORD_WELCOME_INTERVIEW'),
        recordedAt: event.at,
        recordedBy: event.actor.userId,
      }),
    }),
    recordOutcome: assign({
      outcome: ({ event }) => ({ ...dataOf(event, 'CLOSE').outcome, at: event.at }),
    }),
  },
});

const assignAssessors = {
  guard: 'assessorsCoverSocialAndLabour',
  target: 'in_corso',
  actions: 'assignAssessors',
} as const;

export const buildCaseMachine = (features: ChartFeatures) =>
  caseSetup.createMachine({
    id: 'case',
    version: String(features.version),
    context: ({ input }) => initialCaseContext(input.referral),
    initial: 'segnalazione',
    // A new consent (for example authorising one more organisation) can be recorded at any point of the path.
    on: { RECORD_CONSENT: { actions: 'recordConsent' } },
    states: {
      segnalazione: {
        initial: 'bozza',
        states: {
          bozza: {
            on: {
              UPDATE_REFERRAL: { actions: 'updateReferral' },
              SUBMIT: { target: 'inviata' },
            },
          },
          inviata: {
            ...withDeadlines('segnalazione.inviata', [
              {
                key: 'triage',
                from: 'state_entry',
                after: { days: 10 },
                reminders: [
                  { before: { days: 3 }, to: ['coordinatore'] },
                  { before: { days: 1 }, to: ['coordinatore'] },
                ],
                onExpiry: { alert: ['supervisore'] },
              },
            ]),
            on: {
              ACCEPT: { guard: 'consentRecorded', target: '#case.valutazione' },
              REQUEST_INTEGRATION: { target: 'da_integrare', actions: 'recordIntegrationRequest' },
              REJECT: { target: toEsito, actions: 'recordRejection' },
            },
          },
          da_integrare: {
            on: {
              UPDATE_REFERRAL: { actions: 'updateReferral' },
              RESUBMIT: { target: 'inviata' },
            },
          },
        },
      },

      valutazione: {
        ...withDeadlines('valutazione', [
          {
            key: 'valutazione',
            from: 'state_entry',
            after: { days: 30 },
            reminders: [
              { before: { days: 7 }, to: ['valutatori'] },
              { before: { days: 1 }, to: ['valutatori'] },
            ],
            onExpiry: { alert: ['supervisore'] },
          },
        ]),
        initial: features.welcomeInterview ? 'accoglienza' : 'da_assegnare',
        on: {
          CLOSE: { target: toEsito, actions: 'recordOutcome' },
          // Handled by the whole phase, not only once assessors are assigned: before then no domain is assessed,
          // so the rule holds it back and says why (the actions panel shows it under "Non ancora possibile").
          COMPLETE_ASSESSMENT: [
            {
              guard: { type: 'completesAs', params: { profilo: 'lavorativo' } },
              target: toEsito,
              actions: [
                'setProfilo',
                { type: 'recordAutomaticOutcome', params: { primary: 'invio_servizi_lavoro' } },
              ],
            },
            {
              guard: { type: 'completesAs', params: { profilo: 'sociale' } },
              target: toEsito,
              actions: [
                'setProfilo',
                { type: 'recordAutomaticOutcome', params: { primary: 'invio_servizi_sociali' } },
              ],
            },
            {
              guard: { type: 'completesAs', params: { profilo: 'socio_lavorativo' } },
              target: '#case.equipe.primo_livello',
              actions: 'setProfilo',
            },
            {
              guard: { type: 'completesAs', params: { profilo: 'complesso' } },
              target: toSecondoLivello,
              actions: 'setProfilo',
            },
          ],
        },
        states: {
          ...(features.welcomeInterview
            ? {
                // Optional: the coordinator may assign the assessors at once, without the interview.
                accoglienza: {
                  on: {
                    RECORD_WELCOME_INTERVIEW: { target: 'da_assegnare', actions: 'recordWelcomeInterview' },
                    ASSIGN_ASSESSORS: assignAssessors,
                  },
                },
              }
            : {}),
          da_assegnare: { on: { ASSIGN_ASSESSORS: assignAssessors } },
          in_corso: {
            on: {
              ASSIGN_ASSESSORS: { guard: 'assessorsCoverSocialAndLabour', actions: 'assignAssessors' },
              RECORD_DOMAIN_ASSESSMENT: { actions: 'recordDomainAssessment' },
            },
          },
        },
      },

      equipe: {
        initial: 'primo_livello',
        on: {
          DESIGNATE_RESPONSABILE: { guard: 'organisationsConsented', actions: 'designateResponsabile' },
          CLOSE: { target: toEsito, actions: 'recordOutcome' },
        },
        states: {
          primo_livello: {
            ...withDeadlines('equipe.primo_livello', [
              {
                key: 'equipe_primo_livello',
                from: 'state_entry',
                after: { days: 20 },
                reminders: [],
                onExpiry: { send: 'ESCALATE', reason: 'scadenza' },
              },
            ]),
            initial: 'da_convocare',
            on: {
              ESCALATE: {
                target: 'secondo_livello',
                actions: { type: 'recordEscalation', params: { from: 'equipe.primo_livello' } },
              },
            },
            states: {
              da_convocare: {
                on: {
                  SCHEDULE_MEETING: {
                    guard: { type: 'meetingComposition', params: { level: 'primo_livello' } },
                    target: 'convocata',
                    actions: { type: 'scheduleMeeting', params: { level: 'primo_livello' } },
                  },
                },
              },
              convocata: {
                ...withDeadlines('equipe.primo_livello.convocata', [
                  {
                    key: 'riunione_primo_livello',
                    from: 'meeting_date',
                    after: { days: 0 },
                    reminders: [{ before: { days: 2 }, to: ['partecipanti_equipe'] }],
                    onExpiry: null,
                  },
                ]),
                on: {
                  // Rescheduling re-enters the state so the reminder is planned again for the new date.
                  SCHEDULE_MEETING: {
                    guard: { type: 'meetingComposition', params: { level: 'primo_livello' } },
                    target: 'convocata',
                    reenter: true,
                    actions: { type: 'scheduleMeeting', params: { level: 'primo_livello' } },
                  },
                  RECORD_MEETING: [
                    {
                      guard: { type: 'decides', params: { decision: 'pais' } },
                      target: '#case.pais',
                      actions: 'recordMeeting',
                    },
                    {
                      guard: { type: 'decides', params: { decision: 'escalate' } },
                      target: toSecondoLivello,
                      actions: [
                        'recordMeeting',
                        { type: 'recordEscalation', params: { from: 'equipe.primo_livello' } },
                      ],
                    },
                    {
                      guard: { type: 'decides', params: { decision: 'chiusura' } },
                      target: toEsito,
                      actions: 'recordMeeting',
                    },
                  ],
                },
              },
            },
          },
          secondo_livello: {
            ...withDeadlines('equipe.secondo_livello', [
              {
                key: 'equipe_secondo_livello',
                from: 'state_entry',
                after: { days: 20 },
                reminders: [],
                onExpiry: { alert: ['supervisore'] },
              },
            ]),
            initial: 'da_convocare',
            states: {
              da_convocare: {
                on: {
                  SCHEDULE_MEETING: {
                    guard: { type: 'meetingComposition', params: { level: 'secondo_livello' } },
                    target: 'convocata',
                    actions: { type: 'scheduleMeeting', params: { level: 'secondo_livello' } },
                  },
                },
              },
              convocata: {
                ...withDeadlines('equipe.secondo_livello.convocata', [
                  {
                    key: 'riunione_secondo_livello',
                    from: 'meeting_date',
                    after: { days: 0 },
                    reminders: [{ before: { days: 2 }, to: ['partecipanti_equipe'] }],
                    onExpiry: null,
                  },
                ]),
                on: {
                  SCHEDULE_MEETING: {
                    guard: { type: 'meetingComposition', params: { level: 'secondo_livello' } },
                    target: 'convocata',
                    reenter: true,
                    actions: { type: 'scheduleMeeting', params: { level: 'secondo_livello' } },
                  },
                  RECORD_MEETING: [
                    {
                      guard: { type: 'decides', params: { decision: 'pais' } },
                      target: '#case.pais',
                      actions: 'recordMeeting',
                    },
                    {
                      guard: { type: 'decides', params: { decision: 'chiusura' } },
                      target: toEsito,
                      actions: 'recordMeeting',
                    },
                  ],
                },
              },
            },
          },
        },
      },

      pais: {
        ...withDeadlines('pais', [
          {
            key: 'sottoscrizione_pais',
            from: 'state_entry',
            after: { days: 30 },
            reminders: [
              { before: { days: 7 }, to: ['responsabile'] },
              { before: { days: 1 }, to: ['responsabile'] },
            ],
            onExpiry: { alert: ['supervisore'] },
          },
        ]),
        initial: 'in_redazione',
        on: {
          DESIGNATE_RESPONSABILE: { guard: 'organisationsConsented', actions: 'designateResponsabile' },
          CLOSE: { target: toEsito, actions: 'recordOutcome' },
        },
        states: {
          in_redazione: {
            entry: 'startPlanVersion',
            on: {
              UPDATE_PLAN: { guard: 'organisationsConsented', actions: 'updatePlan' },
              SUBMIT_FOR_SIGNATURE: {
                guard: 'planComplete',
                target: 'da_sottoscrivere',
                actions: 'markPlanSubmitted',
              },
            },
          },
          da_sottoscrivere: {
            on: {
              SIGN: { target: '#case.monitoraggio', actions: 'signPlan' },
              REFUSE: {
                target: toEsito,
                actions: { type: 'recordAutomaticOutcome', params: { primary: 'rifiuto_progetto' } },
              },
            },
          },
        },
      },

      monitoraggio: {
        initial: 'attivo',
        on: {
          DESIGNATE_RESPONSABILE: { guard: 'organisationsConsented', actions: 'designateResponsabile' },
          CLOSE: { target: toEsito, actions: 'recordOutcome' },
        },
        states: {
          attivo: {
            ...withDeadlines('monitoraggio.attivo', [
              {
                key: 'verifica_periodica',
                from: 'state_entry',
                after: { days: 90 },
                reminders: [{ before: { days: 7 }, to: ['responsabile'] }],
                onExpiry: { alert: ['responsabile', 'supervisore'] },
              },
            ]),
            on: {
              RECORD_MONITORING: [
                {
                  guard: 'secondConsecutiveCriticita',
                  target: toSecondoLivello,
                  actions: [
                    'recordMonitoring',
                    { type: 'recordEscalation', params: { from: 'monitoraggio' } },
                  ],
                },
                // Re-entering restarts the 90-day clock: the next check is due 90 days after this one.
                { target: 'attivo', reenter: true, actions: 'recordMonitoring' },
              ],
              REVISE_PLAN: { target: '#case.pais' },
              ESCALATE: {
                target: toSecondoLivello,
                actions: { type: 'recordEscalation', params: { from: 'monitoraggio' } },
              },
              SUSPEND: { target: 'sospeso', actions: 'recordSuspension' },
            },
          },
          sospeso: {
            on: { RESUME: { target: 'attivo', actions: 'clearSuspension' } },
          },
        },
      },

      esito: {
        type: 'final',
        ...withDeadlines('esito', [
          {
            key: 'follow_up_6_mesi',
            from: 'state_entry',
            after: { months: 6 },
            reminders: [{ before: { days: 0 }, to: ['responsabile'] }],
            onExpiry: null,
            onlyIf: 'employment_outcome',
          },
          {
            key: 'follow_up_12_mesi',
            from: 'state_entry',
            after: { months: 12 },
            reminders: [{ before: { days: 0 }, to: ['responsabile'] }],
            onExpiry: null,
            onlyIf: 'employment_outcome',
          },
        ]),
      },
    },
  });

export type CaseMachine = ReturnType<typeof buildCaseMachine>;
