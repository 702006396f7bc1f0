// Two API processes and two workers on one PostgreSQL and one Redis keep every guarantee: concurrent
// events on one case through different processes give one success and one conflict, and each reminder
// goes out once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleReferral, type ExamplePayloads } from '../../workflows/case/index.js';
import { ApiClient } from '../support/api.js';
import {
  schedulingEnvironment,
  sleep,
  startApiProcess,
  waitFor,
  type ApiProcess,
  type SchedulingEnvironment,
} from '../support/scheduling.js';

const SECONDS_PER_DAY = 0.25;
let environment: SchedulingEnvironment;
const apis: ApiProcess[] = [];
let first: ApiClient;
let second: ApiClient;

beforeAll(async () => {
  environment = await schedulingEnvironment(SECONDS_PER_DAY);
  const env = { ...environment.env, PORT: '0', SEED_DEMO: 'false' };
  apis.push(...(await Promise.all([startApiProcess(env), startApiProcess(env)])));
  const [urlA, urlB] = apis.map((api) => api.url);
  await Promise.all([environment.startWorker(), environment.startWorker()]);
  first = await new ApiClient(urlA!).as('coordinatore@percorsi.demo');
  second = await new ApiClient(urlB!).as('coordinatore@percorsi.demo');
}, 60_000);

afterAll(async () => {
  await Promise.all(apis.map((api) => api.kill('SIGTERM')));
  await environment.close();
});

describe('two APIs and two workers', () => {
  it('let exactly one of two concurrent events through different API processes win, and send each reminder once', async () => {
    const consent: ExamplePayloads['RECORD_CONSENT'] = {
      given: true,
      informedOn: '2026-03-02',
      authorisedOrganisations: [],
    };
    const cases: string[] = [];
    for (let round = 0; round < 5; round++) {
      const created = await first.post('/api/cases', exampleReferral());
      await second.send(created.body.id, 'RECORD_CONSENT', consent);
      const body = { type: 'SUBMIT', data: {}, expectedVersion: 2 };
      const responses = await Promise.all([
        first.post(`/api/cases/${created.body.id}/events`, body),
        second.post(`/api/cases/${created.body.id}/events`, body),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      expect(responses.find((response) => response.status === 409)?.body.code).toBe('version_conflict');
      const history = (await second.get(`/api/cases/${created.body.id}/history`)).body.items;
      expect(history.filter((row: { eventType: string }) => row.eventType === 'SUBMIT')).toHaveLength(1);
      cases.push(created.body.id);
    }
    await waitFor(() => cases.every((id) => environment.mailsFor(id).length >= 3), 'every reminder', 30_000);
    await sleep(1500);
    for (const id of cases) {
      const kinds = environment.mailsFor(id).map((mail) => mail.headers['x-percorsi-kind']);
      expect(kinds.sort()).toEqual(['promemoria', 'promemoria', 'scadenza']);
    }
  });
});
