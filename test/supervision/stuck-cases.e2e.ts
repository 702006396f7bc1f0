// Which cases the stuck list shows, at the edges of each rule, with the ambito's own rules.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DAY,
  MINUTE,
  plus,
  supervisionTerritory,
  type SupervisionTerritory,
} from './supervision-territory.js';

const T0 = new Date('2026-01-12T08:00:00.000Z');
const consentAndSubmit = (at: Date) => [
  { type: 'RECORD_CONSENT' as const, at },
  { type: 'SUBMIT' as const, at },
];

describe('GET /api/supervision/stuck', () => {
  let territory: SupervisionTerritory;
  let waiting: string;
  let acceptedJustBefore: string;
  let backToReferrer: string;
  let escalated: string;

  beforeAll(async () => {
    territory = await supervisionTerritory();
    // Valdinievole triages within 5 days instead of 10, and wants to hear of referrals left with the
    // referrer for more than 3 days.
    await territory.dataSource.query(
      `INSERT INTO deadline_overrides (ambito, deadline_key, after_days) VALUES ('valdinievole', 'triage', 5)`,
    );
    await territory.dataSource.query(
      `INSERT INTO supervision_thresholds (ambito, state, after_days)
       VALUES ('valdinievole', 'segnalazione.da_integrare', 3)`,
    );
    waiting = await territory.drive('valdinievole', 'ets', T0, consentAndSubmit(T0));
    acceptedJustBefore = await territory.drive('valdinievole', 'ets', T0, [
      ...consentAndSubmit(T0),
      { type: 'ACCEPT', at: plus(T0, 5 * DAY - MINUTE) },
    ]);
    backToReferrer = await territory.drive('valdinievole', 'ets', T0, [
      ...consentAndSubmit(T0),
      { type: 'REQUEST_INTEGRATION', at: T0 },
    ]);
    // Assessed as socio_lavorativo, then sent on to the second-level equipe by the coordinatore.
    const earlier = plus(T0, -30 * DAY);
    escalated = await territory.drive('valdinievole', 'cpi', earlier, [
      ...territory.happySteps('valdinievole', 7).map((step) => ({ ...step, at: earlier })),
      { type: 'DESIGNATE_RESPONSABILE', at: earlier },
      { type: 'ESCALATE', at: earlier },
    ]);
  });

  afterAll(() => territory.close());

  const stuckAt = async (at: Date, query = '') => {
    territory.clock.set(at);
    const coordinator = await territory.as('valdinievole', 'coordinatore');
    const response = await coordinator.get(`/api/supervision/stuck${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

  it('does not show a referral exactly at its overridden triage deadline', async () => {
    const body = await stuckAt(plus(T0, 5 * DAY));
    expect(ids(body)).not.toContain(waiting);
  });

  it('shows it one minute after the overridden deadline, with 0 days overdue and 5 in state', async () => {
    const body = await stuckAt(plus(T0, 5 * DAY + MINUTE));
    const row = body.items.find((item: { id: string }) => item.id === waiting);
    expect(row).toMatchObject({
      phase: 'segnalazione',
      state: 'segnalazione.inviata',
      stateLabel: 'Inviata, in attesa di triage',
      daysInState: 5,
      daysOverdue: 0,
      overdueSince: plus(T0, 5 * DAY).toISOString(),
      reasons: [{ kind: 'deadline', key: 'triage', label: 'Triage della segnalazione' }],
      escalations: 0,
      responsabile: null,
      lastEvent: { type: 'SUBMIT', actorName: 'coordinatore valdinievole' },
    });
    expect(row.initials).toMatch(/^N\. C\.$/);
  });

  it('does not show a referral accepted one minute before the deadline', async () => {
    const body = await stuckAt(plus(T0, 5 * DAY + MINUTE));
    expect(ids(body)).not.toContain(acceptedJustBefore);
  });

  it('applies the ambito threshold for a state without a deadline, strictly after it', async () => {
    expect(ids(await stuckAt(plus(T0, 3 * DAY)))).not.toContain(backToReferrer);
    const body = await stuckAt(plus(T0, 3 * DAY + MINUTE));
    expect(body.items.find((item: { id: string }) => item.id === backToReferrer)).toMatchObject({
      state: 'segnalazione.da_integrare',
      reasons: [{ kind: 'threshold' }],
      daysOverdue: 0,
    });
  });

  it('lists the most overdue first with the responsabile, the escalations and the last event', async () => {
    const body = await stuckAt(plus(T0, 6 * DAY));
    // escalated: secondo livello entered 30 days before T0, its 20-day deadline passed 16 days ago;
    // backToReferrer is 3 days past its threshold, waiting 1 day past its triage deadline.
    expect(ids(body)).toEqual([escalated, backToReferrer, waiting]);
    expect(body.total).toBe(3);
    expect(body.items[0]).toMatchObject({
      state: 'equipe.secondo_livello.da_convocare',
      daysOverdue: 16,
      daysInState: 36,
      escalations: 1,
      responsabile: { name: 'operatore valdinievole' },
      lastEvent: { type: 'ESCALATE', actorName: 'coordinatore valdinievole' },
    });
  });

  it('filters by phase, referring organisation and responsabile, and pages', async () => {
    const at = plus(T0, 6 * DAY);
    const { organisations, users } = territory.ambiti.valdinievole;
    expect(ids(await stuckAt(at, '?phase=equipe'))).toEqual([escalated]);
    expect(ids(await stuckAt(at, `?organisationId=${organisations.ets.id}`))).toEqual([
      backToReferrer,
      waiting,
    ]);
    expect(ids(await stuckAt(at, `?responsabileUserId=${users.operatore.id}`))).toEqual([escalated]);
    const second = await stuckAt(at, '?pageSize=2&page=2');
    expect(ids(second)).toEqual([waiting]);
    expect(second.total).toBe(3);
  });

  it('refuses bad filters with 422 naming the field', async () => {
    const coordinator = await territory.as('valdinievole', 'coordinatore');
    const response = await coordinator.get('/api/supervision/stuck?phase=esito&pageSize=0');
    expect(response.status).toBe(422);
    expect(response.body.fields.map((field: { field: string }) => field.field).sort()).toEqual([
      'pageSize',
      'phase',
    ]);
  });
});
