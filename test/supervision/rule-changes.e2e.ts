// Each open case's "late from" moment is stored, so a rule changed after the case was written must reach
// it at once: an ambito's override or threshold, and a default of the chart.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeadlineRulesRepository } from '../../libs/persistence/deadline-rules.repository.js';
import { syncDefaultLatenessRules } from '../../libs/supervision/index.js';
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
  const rules = () => territory.api.app.get(DeadlineRulesRepository);

  it('applies a shortened triage deadline to referrals already waiting, in that ambito only', async () => {
    const at = plus(T0, 4 * DAY + MINUTE);
    expect(await stuckIds('valdinievole', at)).not.toContain(waiting.valdinievole);
    await rules().setOverride('valdinievole', 'triage', 4, null);
    expect(await stuckIds('valdinievole', at)).toContain(waiting.valdinievole);
    expect(await stuckIds('piana_di_lucca', at)).not.toContain(waiting.piana_di_lucca);
    expect(await stuckIds('valdinievole', plus(T0, 4 * DAY))).not.toContain(waiting.valdinievole);
  });

  it('goes back to the default when the override only keeps its reminders', async () => {
    await rules().setOverride('valdinievole', 'triage', null, [2]);
    expect(await stuckIds('valdinievole', plus(T0, 4 * DAY + MINUTE))).not.toContain(waiting.valdinievole);
    expect(await stuckIds('valdinievole', plus(T0, 10 * DAY + MINUTE))).toContain(waiting.valdinievole);
  });

  it('applies a threshold set, changed and removed after the case entered its state', async () => {
    const at = plus(T0, 2 * DAY + MINUTE);
    expect(await stuckIds('valdinievole', at)).not.toContain(backToReferrer);
    await territory.dataSource.query(
      `INSERT INTO supervision_thresholds (ambito, state, after_days) VALUES ('valdinievole', 'segnalazione.da_integrare', 2)`,
    );
    expect(await stuckIds('valdinievole', at)).toContain(backToReferrer);
    await territory.dataSource.query(
      `UPDATE supervision_thresholds SET after_days = 3 WHERE ambito = 'valdinievole'`,
    );
    expect(await stuckIds('valdinievole', at)).not.toContain(backToReferrer);
    expect(await stuckIds('valdinievole', plus(T0, 3 * DAY + MINUTE))).toContain(backToReferrer);
    await territory.dataSource.query(`DELETE FROM supervision_thresholds WHERE ambito = 'valdinievole'`);
    expect(await stuckIds('valdinievole', plus(T0, 30 * DAY))).not.toContain(backToReferrer);
  });

  it('follows a changed chart default, and the chart again once the defaults are synchronised', async () => {
    const at = plus(T0, 2 * DAY + MINUTE);
    await territory.dataSource.query(
      `UPDATE supervision_default_rules SET after_days = 2 WHERE kind = 'deadline' AND key = 'triage'`,
    );
    expect(await stuckIds('piana_di_lucca', at)).toContain(waiting.piana_di_lucca);
    await syncDefaultLatenessRules(territory.dataSource);
    expect(await stuckIds('piana_di_lucca', at)).not.toContain(waiting.piana_di_lucca);
    expect(await stuckIds('piana_di_lucca', plus(T0, 10 * DAY + MINUTE))).toContain(waiting.piana_di_lucca);
  });
});
