// The short fault-injection run: 20 operators for 45 s, one of each fault (an API and a worker killed with
// SIGKILL, Redis wiped, PostgreSQL restarted), on a PostgreSQL and a Redis of its own. The long run is
// `npm run chaos`; test/chaos/chaos.ts says what the ledger checks.
import { expect, it } from '@jest/globals';
import { failuresOf, formatFigures, runChaos } from './chaos.js';

it('loses nothing and doubles nothing through an API, a worker, Redis and PostgreSQL failing under load', async () => {
  const figures = await runChaos({
    operators: 20,
    durationSeconds: 45,
    secondsPerDay: 0.5,
    thinkMs: 300,
    // Beside `npm run chaos` (7100–7104), in the chaos range of ports.
    basePort: 7150,
    settleSeconds: 90,
    log: () => undefined,
  });
  console.log(formatFigures(figures));
  expect(figures.problems).toEqual([]);
  expect(failuresOf(figures)).toEqual([]);
  expect(figures.transitions.lost + figures.transitions.doubled + figures.deadlines.lost).toBe(0);
  // The short run settles well within its 90 s: every e-mail decided has gone out, none waits.
  expect(figures.mail).toMatchObject({ pending: 0, stuck: 0 });
  expect(figures.deadlines.mailPending).toBe(0);
  expect(figures.faults).toHaveLength(4);
  expect(figures.deadlines.dueJudged).toBeGreaterThan(0);
}, 300_000);
