// The demo's two ambiti, Valdinievole and the Piana di Lucca: each coordinator works their own territory
// and sees nothing of the other's (cases, directory, thresholds, stuck list, dashboard), and each ambito's
// own deadline rules apply to its cases.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemClock } from '../../libs/common/index.js';
import { DEMO_TERRITORIES } from '../../libs/demo/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';

let api: TestApi;
const coordinator: Record<string, ApiClient> = {};
const demoCaseIds: Record<string, string[]> = {};
const AMBITI = ['valdinievole', 'piana_di_lucca'] as const;
const other = (ambito: string) => AMBITI.find((candidate) => candidate !== ambito)!;

beforeAll(async () => {
  // The wall clock: the demo's cases were written relative to it.
  api = await startApi(systemClock);
  coordinator.valdinievole = await api.anonymous.as('coordinatore@percorsi.demo');
  coordinator.piana_di_lucca = await api.anonymous.as('coordinatore.lucca@percorsi.demo');
  for (const ambito of AMBITI) {
    const rows: { id: string }[] = await api.dataSource.query(
      'SELECT id FROM cases WHERE ambito = $1 ORDER BY created_at',
      [ambito],
    );
    demoCaseIds[ambito] = rows.map((row) => row.id);
  }
});

afterAll(() => api.close());

describe('two ambiti that do not see each other', () => {
  it('seeds the Piana di Lucca from its protocol: seven Comuni, CPI Lucca, ASL Toscana Nord-Ovest, a one-stop shop, ETS', async () => {
    const organisations = (await coordinator.piana_di_lucca.get('/api/organisations')).body as {
      name: string;
      type: string;
      ambito: string;
    }[];
    const names = organisations.map((organisation) => organisation.name).join(' | ');
    for (const comune of [
      'Capannori',
      'Lucca',
      'Altopascio',
      'Porcari',
      'Montecarlo',
      'Pescaglia',
      'Villa Basilica',
    ])
      expect(names).toContain(`Comune di ${comune}`);
    expect(names).toMatch(/Centro per l’Impiego di Lucca \(ARTI\)/);
    expect(names).toMatch(/Ser\.D .*Toscana Nord-Ovest/);
    expect(names).toMatch(/Salute Mentale .*Toscana Nord-Ovest/);
    expect(names).toMatch(/One Stop Shop/);
    expect(organisations.map((organisation) => organisation.type)).toContain('ets');
    expect(new Set(organisations.map((organisation) => organisation.ambito))).toEqual(
      new Set(['piana_di_lucca']),
    );
    const roles = new Set(
      ((await coordinator.piana_di_lucca.get('/api/users')).body as { role: string }[]).map((u) => u.role),
    );
    expect(roles).toEqual(new Set(['coordinatore', 'operatore', 'inviante', 'amministratore', 'dpo']));
  });

  it.each(AMBITI)(
    'shows the coordinator of %s only their own cases, and 404 for the other’s',
    async (ambito) => {
      expect(demoCaseIds[ambito].length).toBeGreaterThan(0);
      const list = await coordinator[ambito].get('/api/cases?pageSize=100');
      expect(list.status).toBe(200);
      const ids = (list.body.items as { id: string }[]).map((item) => item.id);
      const ambiti: { ambito: string }[] = await api.dataSource.query(
        'SELECT DISTINCT ambito FROM cases WHERE id = ANY($1)',
        [ids],
      );
      // Other test files add cases to the shared database: the first page holds some of the ambito's, no other's.
      expect(ambiti).toEqual([{ ambito }]);
      for (const id of demoCaseIds[other(ambito)]) {
        expect((await coordinator[ambito].get(`/api/cases/${id}`)).status).toBe(404);
        expect((await coordinator[ambito].get(`/api/cases/${id}/history`)).status).toBe(404);
      }
    },
  );

  it.each(AMBITI)('refuses the coordinator of %s the other ambito’s supervision', async (ambito) => {
    const foreign = other(ambito);
    for (const path of [
      `/api/supervision/stuck?ambito=${foreign}`,
      `/api/supervision/dashboard?ambito=${foreign}`,
      `/api/supervision/thresholds?ambito=${foreign}`,
    ]) {
      expect(await coordinator[ambito].get(path)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    }
    const stuck = (await coordinator[ambito].get('/api/supervision/stuck?pageSize=100')).body.items as {
      id: string;
    }[];
    const foreignIds = new Set(demoCaseIds[foreign]);
    expect(stuck.some((item) => foreignIds.has(item.id))).toBe(false);
  });

  it('counts each ambito’s own cases in its dashboard funnel', async () => {
    for (const ambito of AMBITI) {
      const dashboard = (await coordinator[ambito].get('/api/supervision/dashboard')).body;
      expect(dashboard.ambito).toBe(ambito);
      const [{ open }] = await api.dataSource.query(
        `SELECT count(*)::int AS open FROM cases WHERE ambito = $1 AND phase <> 'esito'`,
        [ambito],
      );
      const counted = (dashboard.funnel as { phase: string; cases: number }[])
        .filter((row) => row.phase !== 'esito')
        .reduce((sum, row) => sum + row.cases, 0);
      expect(counted).toBe(open);
    }
  });

  it('keeps a threshold set in one ambito out of the other', async () => {
    const state = 'valutazione.in_corso';
    // Read first: other test files may set Valdinievole's thresholds in the shared database.
    const theirs = (
      (await coordinator.valdinievole.get('/api/supervision/thresholds')).body.thresholds as {
        state: string;
        effectiveDays: number | null;
      }[]
    ).find((row) => row.state === state)!.effectiveDays;
    const set = await coordinator.piana_di_lucca.request('PUT', `/api/supervision/thresholds/${state}`, {
      days: 12,
    });
    expect(set.status).toBe(200);
    try {
      const threshold = async (ambito: string) =>
        (
          (await coordinator[ambito].get('/api/supervision/thresholds')).body.thresholds as {
            state: string;
            effectiveDays: number | null;
          }[]
        ).find((row) => row.state === state)!;
      expect((await threshold('piana_di_lucca')).effectiveDays).toBe(12);
      expect((await threshold('valdinievole')).effectiveDays).toBe(theirs);
    } finally {
      await coordinator.piana_di_lucca.request('DELETE', `/api/supervision/thresholds/${state}`);
    }
  });

  it('dates each ambito’s triage by its own rule: 7 days in the Piana di Lucca, the chart’s 10 in Valdinievole', async () => {
    const piana = DEMO_TERRITORIES.find((territory) => territory.ambito === 'piana_di_lucca')!;
    expect(piana.deadlineOverrides.triage?.afterDays).toBe(7);
    for (const [ambito, days] of [
      ['valdinievole', 10],
      ['piana_di_lucca', 7],
    ] as const) {
      const [{ id }] = await api.dataSource.query(
        `SELECT id FROM cases WHERE ambito = $1 AND state = 'segnalazione.inviata' ORDER BY created_at LIMIT 1`,
        [ambito],
      );
      const detail = (await coordinator[ambito].get(`/api/cases/${id}`)).body;
      const triage = (detail.deadlines as { key: string; startsAt: string; dueAt: string }[]).find(
        (deadline) => deadline.key === 'triage',
      )!;
      expect((Date.parse(triage.dueAt) - Date.parse(triage.startsAt)) / 86_400_000).toBe(days);
      if (ambito !== 'piana_di_lucca') continue;
      // The Piana's referral has waited fewer than the chart's 10 days, more than its own 7: it is late.
      const waited = (Date.now() - Date.parse(triage.startsAt)) / 86_400_000;
      expect(waited).toBeGreaterThan(7);
      expect(waited).toBeLessThan(10);
      const stuck = (await coordinator[ambito].get('/api/supervision/stuck?phase=segnalazione')).body
        .items as { id: string }[];
      expect(stuck.map((item) => item.id)).toContain(id);
    }
  });
});
