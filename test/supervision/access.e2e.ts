// Supervision belongs to the coordinatore of an ambito, and to nobody else.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DAY, supervisionTerritory, type SupervisionTerritory } from './supervision-territory.js';

const CREATED = new Date('2026-01-05T08:00:00.000Z');

describe('who may supervise', () => {
  let territory: SupervisionTerritory;

  beforeAll(async () => {
    territory = await supervisionTerritory();
    const steps = territory.happySteps('valdinievole', 2).map((step) => ({ ...step, at: CREATED }));
    await territory.drive('valdinievole', 'ets', CREATED, steps);
    await territory.drive('valdinievole', 'ets', CREATED, steps);
    territory.clock.set(new Date(CREATED.getTime() + 40 * DAY));
  });

  afterAll(() => territory.close());

  it('shows one ambito’s stuck cases and figures to its coordinatore', async () => {
    const coordinator = await territory.as('valdinievole', 'coordinatore');
    expect((await coordinator.get('/api/supervision/stuck')).body.total).toBe(2);
    const dashboard = (await coordinator.get('/api/supervision/dashboard')).body;
    expect(dashboard.funnel.find((row: any) => row.phase === 'segnalazione').cases).toBe(2);
  });

  it('shows nothing of that ambito to the coordinatore of another', async () => {
    const other = await territory.as('piana_di_lucca', 'coordinatore');
    const stuck = await other.get('/api/supervision/stuck');
    expect(stuck.status).toBe(200);
    expect(stuck.body).toMatchObject({ ambito: 'piana_di_lucca', total: 0, items: [] });
    const dashboard = (await other.get('/api/supervision/dashboard')).body;
    expect(dashboard.funnel.every((row: any) => row.cases === 0)).toBe(true);
    expect(dashboard.referrals).toEqual([]);
  });

  it('refuses another ambito asked for by name with 403', async () => {
    const other = await territory.as('piana_di_lucca', 'coordinatore');
    for (const path of [
      '/api/supervision/stuck',
      '/api/supervision/dashboard',
      '/api/supervision/dashboard/funnel.csv',
    ]) {
      const response = await other.get(`${path}?ambito=valdinievole`);
      expect([path, response.status, response.body.code]).toEqual([path, 403, 'forbidden']);
      expect(response.body.message).toContain('piana_di_lucca');
    }
  });

  it.each(['operatore', 'cpi', 'inviante'] as const)('refuses %s with 403 forbidden', async (key) => {
    const user = await territory.as('valdinievole', key);
    for (const path of [
      '/api/supervision/stuck',
      '/api/supervision/dashboard',
      '/api/supervision/dashboard/funnel.csv',
    ]) {
      const response = await user.get(path);
      expect([path, response.status, response.body.code]).toEqual([path, 403, 'forbidden']);
      expect(response.body.message).toMatch(/coordinatore/);
    }
  });

  it('refuses an unknown table and a bad month', async () => {
    const coordinator = await territory.as('valdinievole', 'coordinatore');
    expect((await coordinator.get('/api/supervision/dashboard/nothing.csv')).status).toBe(404);
    const response = await coordinator.get('/api/supervision/dashboard?from=2026-13');
    expect(response.status).toBe(422);
    expect(response.body.fields[0].field).toBe('from');
  });
});
