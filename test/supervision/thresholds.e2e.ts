// A coordinatore sets the ambito's "in this state too long" thresholds through the API; the stuck list
// follows at once, the other ambito is untouched, and bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiClient } from '../support/api.js';
import {
  DAY,
  MINUTE,
  plus,
  supervisionTerritory,
  type SupervisionTerritory,
} from './supervision-territory.js';

const T0 = new Date('2026-02-02T08:00:00.000Z');
const BACK_TO_REFERRER = 'segnalazione.da_integrare';

describe('ambito thresholds set by the coordinatore', () => {
  let territory: SupervisionTerritory;
  let coordinator: ApiClient;
  let waitingHere: string;
  let waitingThere: string;

  beforeAll(async () => {
    territory = await supervisionTerritory();
    const events = [
      { type: 'RECORD_CONSENT' as const, at: T0 },
      { type: 'SUBMIT' as const, at: T0 },
      { type: 'REQUEST_INTEGRATION' as const, at: T0 },
    ];
    waitingHere = await territory.drive('valdinievole', 'ets', T0, events);
    waitingThere = await territory.drive('piana_di_lucca', 'ets', T0, events);
    coordinator = await territory.as('valdinievole', 'coordinatore');
  });

  afterAll(() => territory.close());

  const stuckIds = (client: ApiClient, at: Date) => territory.stuckIds(client, at);
  const thresholdOf = async (client: ApiClient, state: string) => {
    const response = await client.get('/api/supervision/thresholds');
    expect(response.status).toBe(200);
    return response.body.thresholds.find((threshold: { state: string }) => threshold.state === state);
  };

  it('lists every open state with the chart default and what applies', async () => {
    const response = await coordinator.get('/api/supervision/thresholds');
    expect(response.status).toBe(200);
    expect(response.body.ambito).toBe('valdinievole');
    const byState = Object.fromEntries(
      response.body.thresholds.map((threshold: { state: string }) => [threshold.state, threshold]),
    );
    expect(byState['segnalazione.inviata']).toMatchObject({
      stateLabel: 'Inviata, in attesa di triage',
      defaultDays: 10,
      ambitoSet: false,
      effectiveDays: 10,
    });
    expect(byState[BACK_TO_REFERRER]).toMatchObject({ defaultDays: null, effectiveDays: null });
    expect(Object.keys(byState).some((state) => state.startsWith('esito'))).toBe(false);
  });

  it('applies a threshold it sets to cases already in the state, in its own ambito only', async () => {
    const at = plus(T0, 2 * DAY + MINUTE);
    expect(await stuckIds(coordinator, at)).not.toContain(waitingHere);

    const set = await coordinator.request('PUT', `/api/supervision/thresholds/${BACK_TO_REFERRER}`, {
      days: 2,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      state: BACK_TO_REFERRER,
      ambitoSet: true,
      ambitoDays: 2,
      effectiveDays: 2,
      updatedBy: {
        userId: territory.ambiti.valdinievole.users.coordinatore.id,
        name: 'coordinatore valdinievole',
      },
    });
    expect(await stuckIds(coordinator, at)).toContain(waitingHere);
    // Exactly at the threshold a case is not late yet.
    expect(await stuckIds(coordinator, plus(T0, 2 * DAY))).not.toContain(waitingHere);

    const other = await territory.as('piana_di_lucca', 'coordinatore');
    expect(await stuckIds(other, at)).not.toContain(waitingThere);
    expect(await thresholdOf(other, BACK_TO_REFERRER)).toMatchObject({
      ambitoSet: false,
      effectiveDays: null,
    });
  });

  it('removes a default threshold when set to null, and restores the default on DELETE', async () => {
    const triage = 'segnalazione.inviata';
    const none = await coordinator.request('PUT', `/api/supervision/thresholds/${triage}`, { days: null });
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({
      ambitoSet: true,
      ambitoDays: null,
      effectiveDays: null,
      defaultDays: 10,
    });

    const reset = await coordinator.request('DELETE', `/api/supervision/thresholds/${triage}`);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ ambitoSet: false, effectiveDays: 10, updatedBy: null });

    await coordinator.request('DELETE', `/api/supervision/thresholds/${BACK_TO_REFERRER}`);
    expect(await stuckIds(coordinator, plus(T0, 30 * DAY))).not.toContain(waitingHere);
  });

  it('refuses bad values with 422 naming days, and changes nothing', async () => {
    await coordinator.request('PUT', `/api/supervision/thresholds/${BACK_TO_REFERRER}`, { days: 5 });
    for (const body of [{ days: 0 }, { days: 366 }, { days: 2.5 }, { days: 'tre' }, {}]) {
      const response = await coordinator.request(
        'PUT',
        `/api/supervision/thresholds/${BACK_TO_REFERRER}`,
        body,
      );
      expect(response.status).toBe(422);
      expect(response.body.fields[0].field).toBe('days');
    }
    const extra = await coordinator.request('PUT', `/api/supervision/thresholds/${BACK_TO_REFERRER}`, {
      days: 3,
      ambito: 'piana_di_lucca',
    });
    expect(extra.status).toBe(422);
    expect(extra.body.fields[0].field).toBe('ambito');
    expect(await thresholdOf(coordinator, BACK_TO_REFERRER)).toMatchObject({ ambitoDays: 5 });
  });

  it('moves the workload figures with it, and leaves another ambito’s own threshold alone', async () => {
    const T1 = new Date('2026-04-01T08:00:00.000Z');
    const assessing = (ambito: 'valdinievole' | 'piana_di_lucca') =>
      territory.happySteps(ambito, 4).map((step) => ({ ...step, at: T1 }));
    const here = await territory.drive('valdinievole', 'ets', T1, assessing('valdinievole'));
    const there = await territory.drive('piana_di_lucca', 'ets', T1, assessing('piana_di_lucca'));
    const other = await territory.as('piana_di_lucca', 'coordinatore');
    const path = '/api/supervision/thresholds/valutazione.in_corso';
    expect((await other.request('PUT', path, { days: 20 })).status).toBe(200);

    const at = plus(T1, 3 * DAY + MINUTE);
    const assessor = territory.ambiti.valdinievole.users.cpi.id;
    const overdueOf = async (userId: string) => {
      territory.clock.set(at);
      const dashboard = await coordinator.get('/api/supervision/dashboard');
      expect(dashboard.status).toBe(200);
      const row = dashboard.body.workload.operators.find(
        (operator: { userId: string }) => operator.userId === userId,
      );
      return row?.overdue ?? 0;
    };
    const before = await overdueOf(assessor);

    expect((await coordinator.request('PUT', path, { days: 3 })).status).toBe(200);
    expect(await overdueOf(assessor)).toBe(before + 1);
    expect(await stuckIds(coordinator, at)).toContain(here);
    expect(await stuckIds(other, at)).not.toContain(there);
    expect(await thresholdOf(other, 'valutazione.in_corso')).toMatchObject({ ambitoDays: 20 });
    expect(await stuckIds(other, plus(T1, 20 * DAY + MINUTE))).toContain(there);

    expect((await coordinator.request('DELETE', path)).status).toBe(200);
    expect(await overdueOf(assessor)).toBe(before);
  });

  it('answers 404 for a state that cannot be stuck', async () => {
    for (const state of ['esito.concluso', 'segnalazione', 'nessuno']) {
      const response = await coordinator.request('PUT', `/api/supervision/thresholds/${state}`, { days: 3 });
      expect(response.status).toBe(404);
      expect(response.body.message).toContain(state);
    }
  });

  it('is for the coordinatore only', async () => {
    const operator = await territory.as('valdinievole', 'operatore');
    expect((await operator.get('/api/supervision/thresholds')).status).toBe(403);
    expect((await coordinator.get('/api/supervision/thresholds?ambito=piana_di_lucca')).status).toBe(403);
    const change = await operator.request('PUT', `/api/supervision/thresholds/${BACK_TO_REFERRER}`, {
      days: 1,
    });
    expect(change.status).toBe(403);
    expect((await territory.api.anonymous.get('/api/supervision/thresholds')).status).toBe(401);
    expect(await thresholdOf(coordinator, BACK_TO_REFERRER)).toMatchObject({ ambitoDays: 5 });
  });
});
