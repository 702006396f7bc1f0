// Each open case's "late from" moment is stored, so a rule changed after the case was written must reach
// it at once: an ambito's override (by its amministratore) or threshold (by its coordinatore), and a
// default of the chart changed by a new release.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { followChartDefaults } from '../../libs/supervision/index.js';
import {
  DAY,
  MINUTE,
  plus,
  supervisionTerritory,
  type Ambito,
  type SupervisionTerritory,
} from './supervision-territory.js';

const T0 = new Date('2026-02-02T08:00:00.000Z');

describe('lateness when a rule changes after the case was written', () => {
  let territory: SupervisionTerritory;
  const waiting = {} as Record<Ambito, string>;
  let backToReferrer: string;

  beforeAll(async () => {
    territory = await supervisionTerritory();
    const sent = [
      { type: 'RECORD_CONSENT' as const, at: T0 },
      { type: 'SUBMIT' as const, at: T0 },
    ];
    waiting.valdinievole = await territory.drive('valdinievole', 'ets', T0, sent);
    waiting.piana_di_lucca = await territory.drive('piana_di_lucca', 'ets', T0, sent);
    backToReferrer = await territory.drive('valdinievole', 'ets', T0, [
      ...sent,
      { type: 'REQUEST_INTEGRATION', at: T0 },
    ]);
  });

  afterAll(() => territory.close());

  const stuckIds = async (ambito: Ambito, at: Date) =>
    territory.stuckIds(await territory.as(ambito, 'coordinatore'), at);
  const setTriage = async (rule: { afterDays: number | null; reminderDays: number[] | null }) => {
    const admin = await territory.as('valdinievole', 'amministratore');
    expect((await admin.request('PUT', '/api/admin/deadlines/triage', rule)).status).toBe(200);
  };
  const threshold = async (method: 'PUT' | 'DELETE', days?: number) => {
    const coordinator = await territory.as('valdinievole', 'coordinatore');
    const path = '/api/supervision/thresholds/segnalazione.da_integrare';
    expect((await coordinator.request(method, path, days === undefined ? undefined : { days })).status).toBe(
      200,
    );
  };

  it('applies a shortened triage deadline to referrals already waiting, in that ambito only', async () => {
    const at = plus(T0, 4 * DAY + MINUTE);
    expect(await stuckIds('valdinievole', at)).not.toContain(waiting.valdinievole);
    await setTriage({ afterDays: 4, reminderDays: null });
    expect(await stuckIds('valdinievole', at)).toContain(waiting.valdinievole);
    expect(await stuckIds('piana_di_lucca', at)).not.toContain(waiting.piana_di_lucca);
    expect(await stuckIds('valdinievole', plus(T0, 4 * DAY))).not.toContain(waiting.valdinievole);
  });

  it('goes back to the default when the override only keeps its reminders', async () => {
    await setTriage({ afterDays: null, reminderDays: [2] });
    expect(await stuckIds('valdinievole', plus(T0, 4 * DAY + MINUTE))).not.toContain(waiting.valdinievole);
    expect(await stuckIds('valdinievole', plus(T0, 10 * DAY + MINUTE))).toContain(waiting.valdinievole);
  });

  it('applies a threshold set, changed and removed after the case entered its state', async () => {
    const at = plus(T0, 2 * DAY + MINUTE);
    expect(await stuckIds('valdinievole', at)).not.toContain(backToReferrer);
    await threshold('PUT', 2);
    expect(await stuckIds('valdinievole', at)).toContain(backToReferrer);
    await threshold('PUT', 3);
    expect(await stuckIds('valdinievole', at)).not.toContain(backToReferrer);
    expect(await stuckIds('valdinievole', plus(T0, 3 * DAY + MINUTE))).toContain(backToReferrer);
    await threshold('DELETE');
    expect(await stuckIds('valdinievole', plus(T0, 30 * DAY))).not.toContain(backToReferrer);
  });

  it("recomputes every open case once when the chart's defaults differ from those it was computed with", async () => {
    const at = plus(T0, 2 * DAY + MINUTE);
    // As if computed under an earlier release whose triage lasted 2 days.
    await territory.dataSource.query('UPDATE case_lateness SET late_from = $2 WHERE case_id = $1', [
      waiting.piana_di_lucca,
      plus(T0, 2 * DAY),
    ]);
    await territory.dataSource.query(
      `UPDATE supervision_chart_rules SET fingerprint = '{"earlier":"release"}'`,
    );
    expect(await stuckIds('piana_di_lucca', at)).toContain(waiting.piana_di_lucca);
    expect(await followChartDefaults(territory.dataSource)).toBeGreaterThan(0);
    expect(await stuckIds('piana_di_lucca', at)).not.toContain(waiting.piana_di_lucca);
    expect(await stuckIds('piana_di_lucca', plus(T0, 10 * DAY + MINUTE))).toContain(waiting.piana_di_lucca);
    expect(await followChartDefaults(territory.dataSource)).toBe(0);
  });
});
