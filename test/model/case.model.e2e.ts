import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  applyCaseEvent,
  exampleReferral,
  persistCase,
  RELEASED_VERSIONS,
  restoreCase,
  startCase,
  stateIdOf,
} from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { territory } from '../support/case-events.js';
import { demoTerritory, onDemoTerritory } from '../support/demo-territory.js';
import { ownDemoDatabase } from '../support/own-demo-database.js';
import {
  activeStateIds,
  allStateIds,
  allTransitionKeys,
  generateModelPaths,
  modelReferral,
  takenTransition,
} from '../support/case-model.js';

// Every released version of the chart keeps running its cases, so the suite walks each of them.
const versions = RELEASED_VERSIONS.map((version) => [version, generateModelPaths(version)] as const);

function percentage(part: number, whole: number): string {
  return `${part}/${whole} (${((100 * part) / whole).toFixed(1)} %)`;
}

describe.each(versions)('version %i of the chart', (version, paths) => {
  describe('model-based paths over the statechart', () => {
    it('reach every state and take every transition of the chart', () => {
      const states = new Set<string>();
      const transitions = new Set<string>();
      for (const path of paths) {
        let snapshot = startCase(modelReferral, version);
        activeStateIds(snapshot).forEach((id) => states.add(id));
        for (const event of path.events) {
          const key = takenTransition(snapshot, event);
          if (key) transitions.add(key);
          snapshot = applyCaseEvent(snapshot, event);
          activeStateIds(snapshot).forEach((id) => states.add(id));
        }
      }
      const allStates = allStateIds(version);
      const allTransitions = allTransitionKeys(version);
      console.log(
        `Model coverage on the machine: states ${percentage(states.size, allStates.length)}, ` +
          `transitions ${percentage(transitions.size, allTransitions.length)} over ${paths.length} paths`,
      );
      expect(allStates.filter((id) => !states.has(id))).toEqual([]);
      expect(allTransitions.filter((key) => !transitions.has(key))).toEqual([]);
    });

    it.each(paths.map((path) => [path.name, path] as const))(
      'runs on the machine alone, surviving a persist/restore at every step: %s',
      (_name, path) => {
        let snapshot = startCase(modelReferral, version);
        path.events.forEach((event, index) => {
          snapshot = restoreCase(JSON.parse(JSON.stringify(persistCase(applyCaseEvent(snapshot, event)))));
          expect(stateIdOf(snapshot)).toBe(path.states[index]);
          expect(persistCase(snapshot).version).toBe(version);
        });
      },
    );
  });

  describe('model-based paths over the HTTP API and PostgreSQL', () => {
    let database: Awaited<ReturnType<typeof ownDemoDatabase>>;
    let api: TestApi;
    let client: ApiClient;
    let onDemo: (data: unknown) => unknown;
    const states = new Set<string>();
    const transitions = new Set<string>();

    beforeAll(async () => {
      // A database of its own: the ambito's version of the chart changes for this suite only.
      database = await ownDemoDatabase();
      api = await startApi(undefined, { DATABASE_URL: database.url });
      client = await api.anonymous.as('coordinatore@percorsi.demo');
      // The ambito's new referrals start on the version walked here.
      const admin = await api.anonymous.as('admin@percorsi.demo');
      expect((await admin.request('PUT', '/api/admin/chart-version', { version })).status).toBe(200);
      onDemo = onDemoTerritory(territory, await demoTerritory(api.dataSource));
    });

    afterAll(async () => {
      const allStates = allStateIds(version);
      const allTransitions = allTransitionKeys(version);
      console.log(
        `Model coverage over HTTP: states ${percentage(states.size, allStates.length)}, ` +
          `transitions ${percentage(transitions.size, allTransitions.length)}`,
      );
      await api.close();
      await database.drop();
    });

    it.each(paths.map((path) => [path.name, path] as const))(
      'runs through the API, asserting state, version and history after each step: %s',
      async (_name, path) => {
        const created = await client.post('/api/cases', exampleReferral());
        expect(created.status).toBe(201);
        const caseId = created.body.id;
        expect((await client.get(`/api/cases/${caseId}`)).body.workflowVersion).toBe(version);
        let snapshot = startCase(modelReferral, version);
        for (const [index, event] of path.events.entries()) {
          const response = await client.post(`/api/cases/${caseId}/events`, {
            type: event.type,
            data: onDemo(event.data),
            expectedVersion: index + 1,
          });
          expect(response.status).toBe(200);
          expect(response.body).toMatchObject({ state: path.states[index], version: index + 2 });

          const key = takenTransition(snapshot, event);
          if (key) transitions.add(key);
          snapshot = applyCaseEvent(snapshot, event);
          activeStateIds(snapshot).forEach((id) => states.add(id));
        }
        const history = (await client.get(`/api/cases/${caseId}/history`)).body.items;
        expect(history.map((row: { seq: number }) => row.seq)).toEqual(
          Array.from({ length: path.events.length + 1 }, (_, index) => index + 1),
        );
        expect(
          history.slice(1).map((row: { eventType: string; toState: string }) => [row.eventType, row.toState]),
        ).toEqual(path.events.map((event, index) => [event.type, path.states[index]]));
      },
    );

    it('covered every state and transition over HTTP', () => {
      expect(allStateIds(version).filter((id) => !states.has(id))).toEqual([]);
      expect(allTransitionKeys(version).filter((key) => !transitions.has(key))).toEqual([]);
    });
  });
});
