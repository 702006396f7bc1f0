// The chart as version 1 has it (what version 2 changes is in versions.spec.ts).
import { describe, expect, it } from '@jest/globals';
import { caseEvent, examples, runCase } from '../../test/support/case-events.js';
import {
  applyCaseEvent,
  availableEvents,
  blockedEvents,
  deadlinesOf,
  describeWorkflow,
  exampleReferral,
  explainRefusal,
  foreseenConsequence,
  futureDoneDates,
  persistCase,
  restoreCase,
  startCase,
  stateIdOf,
  type CaseEvent,
  type CaseSnapshot,
  type Profilo,
} from './index.js';

const run = (...events: CaseEvent[]): CaseSnapshot => runCase(1, ...events);

const toTriage = [caseEvent('RECORD_CONSENT'), caseEvent('SUBMIT')];
const toAssessment = [...toTriage, caseEvent('ACCEPT'), caseEvent('ASSIGN_ASSESSORS')];
const assessed = [
  ...toAssessment,
  caseEvent('RECORD_DOMAIN_ASSESSMENT', { domain: 'lavoro' }),
  caseEvent('RECORD_DOMAIN_ASSESSMENT', { domain: 'casa' }),
];
const toFirstLevel = [...assessed, caseEvent('COMPLETE_ASSESSMENT', { profilo: 'socio_lavorativo' })];
const toPlan = [...toFirstLevel, caseEvent('SCHEDULE_MEETING'), caseEvent('RECORD_MEETING')];
const toMonitoring = [
  ...toPlan,
  caseEvent('UPDATE_PLAN'),
  caseEvent('SUBMIT_FOR_SIGNATURE'),
  caseEvent('SIGN'),
];

describe('segnalazione', () => {
  it('starts as a draft', () => {
    expect(stateIdOf(startCase(exampleReferral().referral, 1))).toBe('segnalazione.bozza');
  });

  it('refuses ACCEPT until the person’s informed consent is recorded', () => {
    const snapshot = run(caseEvent('SUBMIT'));
    expect(availableEvents(snapshot)).not.toContain('ACCEPT');
    expect(explainRefusal(snapshot, caseEvent('ACCEPT'))).toMatchObject({
      code: 'guard_failed',
      guards: ['consentRecorded'],
    });
    expect(stateIdOf(run(...toTriage, caseEvent('ACCEPT')))).toBe('valutazione.da_assegnare');
  });

  it('refuses ACCEPT when consent was denied', () => {
    const snapshot = run(caseEvent('RECORD_CONSENT', { given: false }), caseEvent('SUBMIT'));
    expect(explainRefusal(snapshot, caseEvent('ACCEPT'))?.code).toBe('guard_failed');
  });

  it('sends the referral back for integration and takes it again', () => {
    const snapshot = run(...toTriage, caseEvent('REQUEST_INTEGRATION'), caseEvent('RESUBMIT'));
    expect(stateIdOf(snapshot)).toBe('segnalazione.inviata');
    expect(snapshot.context.integrationRequests).toHaveLength(1);
  });

  it('closes a rejected referral with the outcome segnalazione_non_accolta and its reason', () => {
    const snapshot = run(...toTriage, caseEvent('REJECT', { reason: 'consenso_negato' }));
    expect(stateIdOf(snapshot)).toBe('esito');
    expect(snapshot.status).toBe('done');
    expect(snapshot.context.outcome?.primary).toBe('segnalazione_non_accolta');
    expect(snapshot.context.rejection?.reason).toBe('consenso_negato');
    expect(availableEvents(snapshot)).toEqual([]);
  });

  it('names the state and the events it accepts for an illegal event', () => {
    const refusal = explainRefusal(startCase(exampleReferral().referral, 1), caseEvent('SIGN'));
    expect(refusal).toEqual({
      code: 'illegal_event',
      state: 'segnalazione.bozza',
      accepted: expect.arrayContaining(['SUBMIT', 'UPDATE_REFERRAL', 'RECORD_CONSENT']),
    });
  });
});

describe('valutazione', () => {
  it('needs at least one social worker and one CPI operator as assessors', () => {
    const snapshot = run(...toTriage, caseEvent('ACCEPT'));
    const onlySocial = caseEvent('ASSIGN_ASSESSORS', {
      assessors: [{ userId: 'u1', name: 'A', organisationId: 'o', organisationType: 'sds' }],
    });
    expect(explainRefusal(snapshot, onlySocial)).toMatchObject({ guards: ['assessorsCoverSocialAndLabour'] });
  });

  it('cannot complete while a referred need is not assessed', () => {
    const snapshot = run(...toAssessment, caseEvent('RECORD_DOMAIN_ASSESSMENT', { domain: 'lavoro' }));
    expect(availableEvents(snapshot)).not.toContain('COMPLETE_ASSESSMENT');
    const refusal = explainRefusal(snapshot, caseEvent('COMPLETE_ASSESSMENT'));
    expect(refusal).toMatchObject({ code: 'guard_failed', guards: ['completesAs'] });
    expect(refusal && 'message' in refusal && refusal.message.it).toContain('Casa');
  });

  it.each<[Profilo, string, string | null]>([
    ['lavorativo', 'esito', 'invio_servizi_lavoro'],
    ['sociale', 'esito', 'invio_servizi_sociali'],
    ['socio_lavorativo', 'equipe.primo_livello.da_convocare', null],
    ['complesso', 'equipe.secondo_livello.da_convocare', null],
  ])('routes profilo %s to %s', (profilo, state, outcome) => {
    const snapshot = run(...assessed, caseEvent('COMPLETE_ASSESSMENT', { profilo }));
    expect(stateIdOf(snapshot)).toBe(state);
    expect(snapshot.context.profilo).toBe(profilo);
    expect(snapshot.context.outcome?.primary ?? null).toBe(outcome);
  });
});

describe('equipe', () => {
  it('requires social services and CPI in a first-level meeting', () => {
    const snapshot = run(...toFirstLevel);
    const cpiOnly = caseEvent('SCHEDULE_MEETING', {
      participants: [
        { organisationId: 'a', organisationType: 'cpi' },
        { organisationId: 'b', organisationType: 'ets' },
      ],
    });
    expect(explainRefusal(snapshot, cpiOnly)).toMatchObject({ guards: ['meetingComposition'] });
  });

  it('requires a service beyond the first level in a second-level meeting', () => {
    const snapshot = run(...assessed, caseEvent('COMPLETE_ASSESSMENT', { profilo: 'complesso' }));
    const firstLevelOnly = caseEvent('SCHEDULE_MEETING', {
      participants: [
        { organisationId: 'a', organisationType: 'sds' },
        { organisationId: 'b', organisationType: 'cpi' },
      ],
    });
    expect(explainRefusal(snapshot, firstLevelOnly)?.code).toBe('guard_failed');
    expect(stateIdOf(applyCaseEvent(snapshot, caseEvent('SCHEDULE_MEETING')))).toBe(
      'equipe.secondo_livello.convocata',
    );
  });

  it('never brings in an organisation the consent does not authorise, until a new consent does', () => {
    const snapshot = run(...toFirstLevel);
    const withUepe = caseEvent('SCHEDULE_MEETING', {
      participants: [
        ...examples.SCHEDULE_MEETING.participants,
        { organisationId: 'org-uepe', organisationType: 'uepe', name: 'UEPE Pistoia' },
      ],
    });
    const refusal = explainRefusal(snapshot, withUepe);
    expect(refusal).toMatchObject({ code: 'guard_failed', guards: ['meetingComposition'] });
    expect(refusal && 'message' in refusal && refusal.message.it).toContain('UEPE Pistoia');
    const consented = applyCaseEvent(
      snapshot,
      caseEvent('RECORD_CONSENT', {
        authorisedOrganisations: [...examples.RECORD_CONSENT.authorisedOrganisations, 'org-uepe'],
      }),
    );
    expect(stateIdOf(applyCaseEvent(consented, withUepe))).toBe('equipe.primo_livello.convocata');
  });

  it('refuses a responsabile from an organisation outside the consent', () => {
    const snapshot = run(...toFirstLevel);
    const outsider = caseEvent('DESIGNATE_RESPONSABILE', {
      responsabile: { userId: 'u-x', name: 'X', organisationId: 'org-casa', organisationType: 'casa' },
    });
    expect(explainRefusal(snapshot, outsider)).toMatchObject({ guards: ['organisationsConsented'] });
  });

  it('defines the PaIS only when a responsabile del percorso is designated', () => {
    const snapshot = run(...toFirstLevel, caseEvent('SCHEDULE_MEETING'));
    const withoutResponsabile = caseEvent('RECORD_MEETING', { responsabile: undefined });
    expect(explainRefusal(snapshot, withoutResponsabile)).toMatchObject({ guards: ['decides'] });
    const designated = applyCaseEvent(snapshot, caseEvent('DESIGNATE_RESPONSABILE'));
    expect(stateIdOf(applyCaseEvent(designated, withoutResponsabile))).toBe('pais.in_redazione');
  });

  it('escalates from the first to the second level by decision and counts the escalation', () => {
    const snapshot = run(
      ...toFirstLevel,
      caseEvent('SCHEDULE_MEETING'),
      caseEvent('RECORD_MEETING', { decision: 'escalate' } as never),
    );
    expect(stateIdOf(snapshot)).toBe('equipe.secondo_livello.da_convocare');
    expect(snapshot.context.escalations).toEqual([
      { from: 'equipe.primo_livello', reason: 'decisione', at: '2026-03-02T10:00:00.000Z' },
    ]);
  });

  it('does not let the second level escalate further', () => {
    const snapshot = run(
      ...assessed,
      caseEvent('COMPLETE_ASSESSMENT', { profilo: 'complesso' }),
      caseEvent('SCHEDULE_MEETING'),
    );
    expect(explainRefusal(snapshot, caseEvent('ESCALATE'))?.code).toBe('illegal_event');
    const escalateDecision = caseEvent('RECORD_MEETING', { decision: 'escalate' } as never);
    expect(explainRefusal(snapshot, escalateDecision)?.code).toBe('guard_failed');
  });

  it('closes from the meeting with the outcome it records', () => {
    const snapshot = run(
      ...toFirstLevel,
      caseEvent('SCHEDULE_MEETING'),
      caseEvent('RECORD_MEETING', {
        decision: 'chiusura',
        outcome: { primary: 'invio_altro_servizio', secondary: [] },
      } as never),
    );
    expect(snapshot.context.outcome?.primary).toBe('invio_altro_servizio');
  });
});

describe('pais', () => {
  it('cannot go to signature without goals, actions and commitments', () => {
    const snapshot = run(...toPlan);
    expect(availableEvents(snapshot)).not.toContain('SUBMIT_FOR_SIGNATURE');
    expect(explainRefusal(snapshot, caseEvent('SUBMIT_FOR_SIGNATURE'))).toMatchObject({
      guards: ['planComplete'],
    });
  });

  it('closes with rifiuto_progetto when the person refuses the plan', () => {
    const snapshot = run(
      ...toPlan,
      caseEvent('UPDATE_PLAN'),
      caseEvent('SUBMIT_FOR_SIGNATURE'),
      caseEvent('REFUSE'),
    );
    expect(snapshot.context.outcome?.primary).toBe('rifiuto_progetto');
  });

  it('keeps the signed version when the plan is revised', () => {
    const snapshot = run(...toMonitoring, caseEvent('REVISE_PLAN'));
    expect(stateIdOf(snapshot)).toBe('pais.in_redazione');
    expect(snapshot.context.plan?.version).toBe(2);
    expect(snapshot.context.plan?.signedOn).toBeUndefined();
    expect(snapshot.context.planHistory.map((plan) => [plan.version, plan.signedOn])).toEqual([
      [1, '2026-03-02'],
    ]);
  });
});

describe('monitoraggio', () => {
  it('escalates to the second level on two consecutive criticita checks, not on one', () => {
    const criticita = caseEvent('RECORD_MONITORING', { andamento: 'criticita' });
    const once = run(...toMonitoring, criticita);
    expect(stateIdOf(once)).toBe('monitoraggio.attivo');
    const interrupted = run(...toMonitoring, criticita, caseEvent('RECORD_MONITORING'), criticita);
    expect(stateIdOf(interrupted)).toBe('monitoraggio.attivo');
    const twice = run(...toMonitoring, criticita, criticita);
    expect(stateIdOf(twice)).toBe('equipe.secondo_livello.da_convocare');
    expect(twice.context.escalations.at(-1)?.reason).toBe('criticita');
  });

  it('counts consecutive criticita afresh after an escalation and a newly signed PaIS', () => {
    const criticita = caseEvent('RECORD_MONITORING', { andamento: 'criticita' });
    const escalated = run(...toMonitoring, criticita, criticita);
    const signedAgain = run(
      ...toMonitoring,
      criticita,
      criticita,
      caseEvent('SCHEDULE_MEETING'),
      caseEvent('RECORD_MEETING'),
      caseEvent('SUBMIT_FOR_SIGNATURE'),
      caseEvent('SIGN'),
    );
    expect(stateIdOf(escalated)).toBe('equipe.secondo_livello.da_convocare');
    expect(stateIdOf(signedAgain)).toBe('monitoraggio.attivo');
    const once = applyCaseEvent(signedAgain, criticita);
    expect(stateIdOf(once)).toBe('monitoraggio.attivo');
    const twice = applyCaseEvent(once, criticita);
    expect(stateIdOf(twice)).toBe('equipe.secondo_livello.da_convocare');
    expect(twice.context.escalations).toHaveLength(2);
  });

  it('counts consecutive criticita afresh after a revised plan is signed', () => {
    const criticita = caseEvent('RECORD_MONITORING', { andamento: 'criticita' });
    const revised = run(
      ...toMonitoring,
      criticita,
      caseEvent('REVISE_PLAN'),
      caseEvent('SUBMIT_FOR_SIGNATURE'),
      caseEvent('SIGN'),
      criticita,
    );
    expect(stateIdOf(revised)).toBe('monitoraggio.attivo');
  });

  it('returns to where it was after a suspension', () => {
    const suspended = run(...toMonitoring, caseEvent('SUSPEND'));
    expect(stateIdOf(suspended)).toBe('monitoraggio.sospeso');
    expect(availableEvents(suspended)).not.toContain('RECORD_MONITORING');
    expect(stateIdOf(applyCaseEvent(suspended, caseEvent('RESUME')))).toBe('monitoraggio.attivo');
  });

  it('requires a contract type for an employment outcome', async () => {
    const { caseEventSchemas } = await import('./events.js');
    const result = caseEventSchemas.CLOSE.safeParse({ outcome: { primary: 'occupazione' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['outcome', 'contractType']);
  });

  it('closes with the outcome and becomes final', () => {
    const snapshot = run(...toMonitoring, caseEvent('CLOSE'));
    expect(snapshot.status).toBe('done');
    expect(snapshot.context.outcome).toMatchObject({
      primary: 'occupazione',
      contractType: 'tempo_determinato',
    });
  });
});

describe('deadlines', () => {
  it('counts the triage deadline from the moment the referral was sent', () => {
    const snapshot = run(caseEvent('RECORD_CONSENT'), caseEvent('SUBMIT', {}, '2026-03-02T08:00:00.000Z'));
    expect(deadlinesOf(snapshot)).toEqual([
      expect.objectContaining({
        key: 'triage',
        state: 'segnalazione.inviata',
        dueAt: '2026-03-12T08:00:00.000Z',
        remindAt: [
          { at: '2026-03-09T08:00:00.000Z', to: ['coordinatore'] },
          { at: '2026-03-11T08:00:00.000Z', to: ['coordinatore'] },
        ],
      }),
    ]);
  });

  it('leaving a state leaves its deadlines behind', () => {
    expect(deadlinesOf(run(...toTriage, caseEvent('ACCEPT'))).map((d) => d.key)).toEqual(['valutazione']);
  });

  it('declares automatic escalation when the first-level meeting is not held in 20 days', () => {
    const [deadline] = deadlinesOf(run(...toFirstLevel));
    expect(deadline).toMatchObject({ key: 'equipe_primo_livello', onExpiry: { send: 'ESCALATE' } });
  });

  it('reminds participants two days before the meeting date', () => {
    const keys = deadlinesOf(run(...toFirstLevel, caseEvent('SCHEDULE_MEETING')));
    expect(keys.find((d) => d.key === 'riunione_primo_livello')?.remindAt[0].at).toBe(
      '2026-02-28T09:30:00.000Z',
    );
  });

  it('asks for follow-ups at 6 and 12 months only after an employment outcome', () => {
    const employed = run(...toMonitoring, caseEvent('CLOSE', {}, '2026-04-01T00:00:00.000Z'));
    expect(deadlinesOf(employed).map((d) => [d.key, d.dueAt])).toEqual([
      ['follow_up_6_mesi', '2026-10-01T00:00:00.000Z'],
      ['follow_up_12_mesi', '2027-04-01T00:00:00.000Z'],
    ]);
    const dropped = run(
      ...toMonitoring,
      caseEvent('CLOSE', { outcome: { primary: 'abbandono', secondary: [] } }),
    );
    expect(deadlinesOf(dropped)).toEqual([]);
  });
});

describe('persistence of the snapshot', () => {
  it('restores an equivalent case from its persisted form', () => {
    const snapshot = run(...toMonitoring);
    const restored = restoreCase(JSON.parse(JSON.stringify(persistCase(snapshot))));
    expect(stateIdOf(restored)).toBe('monitoraggio.attivo');
    expect(restored.context).toEqual(snapshot.context);
    expect(availableEvents(restored).sort()).toEqual(availableEvents(snapshot).sort());
  });
});

describe('workflow description', () => {
  it('lists every state with its name in each language and every event with a JSON schema', () => {
    const workflow = describeWorkflow();
    expect(workflow.states.find((s) => s.id === 'equipe.primo_livello.convocata')?.label).toEqual({
      it: 'Equipe di primo livello convocata',
      en: 'First-level team convened',
    });
    expect(workflow.states.every((s) => s.label.it !== s.id || s.id === 'esito')).toBe(true);
    expect(workflow.events.find((e) => e.type === 'REJECT')?.payloadSchema).toMatchObject({ type: 'object' });
    expect(workflow.transitions).toContainEqual({
      from: 'segnalazione.inviata',
      event: 'ACCEPT',
      to: ['valutazione'],
      guard: 'consentRecorded',
    });
  });
});

describe('why not, and what a step will do', () => {
  it('names the rule that holds back an event the state handles, and what to do first', () => {
    const atTriage = run(caseEvent('SUBMIT'));
    expect(blockedEvents(atTriage)).toEqual([
      {
        type: 'ACCEPT',
        guards: ['consentRecorded'],
        message: {
          it: 'Il consenso informato della persona non è registrato: registrarlo prima di accogliere.',
          en: 'The person’s informed consent is not recorded: record it before accepting.',
        },
      },
    ]);
    expect(blockedEvents(run(...toTriage))).toEqual([]);
  });

  it('lists the domains still to assess by their names, only those the reader may see', () => {
    const snapshot = run(...toAssessment, caseEvent('RECORD_DOMAIN_ASSESSMENT', { domain: 'lavoro' }));
    const [blocked] = blockedEvents(snapshot);
    expect(blocked).toMatchObject({ type: 'COMPLETE_ASSESSMENT', guards: ['completesAs'] });
    expect(blocked.message).toEqual({
      it: 'Mancano le valutazioni di questi ambiti segnalati: Casa. Registrarle prima di concludere.',
      en: 'The assessments of these referred domains are missing: Housing. Record them before completing.',
    });
    // Worded from a context without the pending domain (a redacted one): no name, only its kind.
    const redacted = {
      ...snapshot.context,
      referral: { ...snapshot.context.referral, needs: ['lavoro' as const] },
    };
    expect(blockedEvents(snapshot, redacted)[0].message.it).toContain('ambiti riservati');
  });

  it('says who must join when no assessor reads the protected domains still to assess', () => {
    const snapshot = run(...toAssessment, caseEvent('RECORD_DOMAIN_ASSESSMENT', { domain: 'lavoro' }));
    const redacted = {
      ...snapshot.context,
      referral: { ...snapshot.context.referral, needs: ['lavoro' as const] },
    };
    const assessors = snapshot.context.assessors;
    expect(assessors.some((assessor) => assessor.organisationType === 'serd')).toBe(false);
    expect(blockedEvents(snapshot, redacted)[0].message.it).toContain(
      'il coordinatore aggiunga al consenso il servizio competente',
    );
    const withHealth = {
      ...redacted,
      assessors: [...assessors, { ...assessors[0], organisationType: 'serd' as const }],
    };
    expect(blockedEvents(snapshot, withHealth)[0].message.it).not.toContain('aggiunga al consenso');
  });

  it('says why the assessment cannot be completed before the assessors are assigned', () => {
    const accepted = run(...toTriage, caseEvent('ACCEPT'));
    expect(stateIdOf(accepted)).toBe('valutazione.da_assegnare');
    expect(blockedEvents(accepted)).toEqual([
      {
        type: 'COMPLETE_ASSESSMENT',
        guards: ['completesAs'],
        message: {
          it: 'Mancano le valutazioni di questi ambiti segnalati: Lavoro, Casa. Prima il coordinatore assegna i valutatori, che poi le registrano.',
          en: 'The assessments of these referred domains are missing: Work, Housing. First the coordinator assigns the assessors, who then record them.',
        },
      },
    ]);
    expect(explainRefusal(accepted, caseEvent('COMPLETE_ASSESSMENT'))).toMatchObject({
      code: 'guard_failed',
      guards: ['completesAs'],
    });
  });

  it('blocks nothing on a closed case', () => {
    expect(blockedEvents(run(...toTriage, caseEvent('REJECT')))).toEqual([]);
  });

  it('foresees a close, an escalation by a second criticità, and nothing for an ordinary step', () => {
    const monitoring = run(...toMonitoring);
    expect(foreseenConsequence(monitoring, caseEvent('CLOSE'))).toEqual({
      kind: 'closes',
      outcome: 'occupazione',
    });
    const critical = caseEvent('RECORD_MONITORING', { andamento: 'criticita' });
    expect(foreseenConsequence(monitoring, critical)).toBeNull();
    const afterOne = run(...toMonitoring, critical);
    expect(foreseenConsequence(afterOne, critical)).toEqual({ kind: 'escalates' });
    expect(foreseenConsequence(afterOne, caseEvent('RECORD_MONITORING'))).toBeNull();
    const assessed = run(
      ...toAssessment,
      caseEvent('RECORD_DOMAIN_ASSESSMENT', { domain: 'lavoro' }),
      caseEvent('RECORD_DOMAIN_ASSESSMENT', { domain: 'casa' }),
    );
    expect(
      foreseenConsequence(assessed, caseEvent('COMPLETE_ASSESSMENT', { profilo: 'lavorativo' })),
    ).toEqual({
      kind: 'closes',
      outcome: 'invio_servizi_lavoro',
    });
    // A refused step foresees nothing: the refusal says why.
    expect(foreseenConsequence(run(caseEvent('SUBMIT')), caseEvent('ACCEPT'))).toBeNull();
  });

  it('refuses a meeting held, a plan signed or a check made after the day it is recorded, in Italy', () => {
    const heldTomorrow = caseEvent('RECORD_MEETING', { heldOn: '2026-03-03' }, '2026-03-02T22:30:00.000Z');
    expect(futureDoneDates(heldTomorrow)).toEqual([
      { field: 'data.heldOn', reason: 'is after today: it dates something already done' },
    ]);
    // 23:30 in Rome is already 3 March there.
    expect(futureDoneDates({ ...heldTomorrow, at: '2026-03-02T23:30:00.000Z' })).toEqual([]);
    expect(futureDoneDates(caseEvent('SIGN', { signedOn: '2026-03-02' }))).toEqual([]);
    expect(futureDoneDates(caseEvent('RECORD_MONITORING', { checkedOn: '2027-01-01' }))).toHaveLength(1);
  });
});
