// `npm run chaos`: the fault-injection run at full size (see test/chaos/chaos.ts). Parameters from the
// environment: CHAOS_OPERATORS (200), CHAOS_SECONDS (240), CHAOS_SECONDS_PER_DAY (1), CHAOS_THINK_MS (1000),
// CHAOS_PORT (7100: PostgreSQL on +1, Redis on +2, the APIs on +3 and +4), CHAOS_RECOVERY_SECONDS (120),
// CHAOS_SETTLE_SECONDS (120), CHAOS_LOGS (a directory for the APIs' and workers' output; none by default).
// Exits non-zero when anything was lost, doubled, half-written or left undone.
import { failuresOf, formatFigures, runChaos } from './chaos.js';

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const figures = await runChaos({
  operators: number('CHAOS_OPERATORS', 200),
  durationSeconds: number('CHAOS_SECONDS', 240),
  secondsPerDay: number('CHAOS_SECONDS_PER_DAY', 1),
  thinkMs: number('CHAOS_THINK_MS', 1000),
  basePort: number('CHAOS_PORT', 7100),
  recoverySeconds: number('CHAOS_RECOVERY_SECONDS', 120),
  settleSeconds: number('CHAOS_SETTLE_SECONDS', 120),
  log: (line) => console.log(line),
  logDir: process.env.CHAOS_LOGS,
});
console.log(formatFigures(figures));
for (const problem of figures.problems.slice(0, 50)) console.log(`  ${problem}`);
const failures = failuresOf(figures);
console.log(failures.length ? `FAILED: ${failures.join('; ')}` : 'ledger: nothing lost, nothing doubled');
process.exit(failures.length ? 1 : 0);
