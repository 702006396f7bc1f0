// Builds complete case events (payload + who + when) for tests of the chart alone.
import {
  applyCaseEvent,
  exampleReferral,
  examplePayloads,
  explainRefusal,
  startCase,
  stateIdOf,
  type CaseSnapshot,
  type CaseEvent,
  type CaseEventData,
  type CaseEventType,
  type ExampleTerritory,
} from '../../workflows/case/index.js';

export const territory: ExampleTerritory = {
  social: { organisationId: 'org-sds', organisationType: 'sds', name: 'SdS Valdinievole' },
  labour: { organisationId: 'org-cpi', organisationType: 'cpi', name: 'CPI Pescia' },
  health: { organisationId: 'org-serd', organisationType: 'serd', name: 'Ser.D Valdinievole' },
  responsabile: {
    userId: 'u-resp',
    name: 'Giulia Bianchi',
    organisationId: 'org-sds',
    organisationType: 'sds',
  },
  assessors: [
    { userId: 'u-as', name: 'Anna Sociale', organisationId: 'org-sds', organisationType: 'sds' },
    { userId: 'u-cpi', name: 'Carlo Lavoro', organisationId: 'org-cpi', organisationType: 'cpi' },
  ],
};

export const examples = examplePayloads(territory, '2026-03-02');

const actor = { userId: 'u-test', role: 'operatore', organisationId: 'org-sds' };

export function caseEvent<T extends CaseEventType>(
  type: T,
  data: Partial<CaseEventData<T>> = {},
  at = '2026-03-02T10:00:00.000Z',
): CaseEvent {
  return { type, data: { ...examples[type], ...data }, at, actor } as CaseEvent;
}

/** A new example case on a version of the chart after the events, failing loudly on one the chart refuses. */
export function runCase(version: number, ...events: CaseEvent[]): CaseSnapshot {
  return events.reduce(
    (snapshot, event) => {
      const refusal = explainRefusal(snapshot, event);
      if (refusal) {
        throw new Error(`${event.type} refused in ${stateIdOf(snapshot)}: ${JSON.stringify(refusal)}`);
      }
      return applyCaseEvent(snapshot, event);
    },
    startCase(exampleReferral().referral, version),
  );
}
