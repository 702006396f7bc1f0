// End-to-end transitions per second over the HTTP API (32 clients, distinct cases), beside a
// `pgbench -N` run on the same PostgreSQL as the baseline. A figure to watch, not a test.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '../../libs/demo/index.js';
import { exampleReferral, happyPath } from '../../workflows/case/index.js';
import { ADMIN_URL, databaseUrl, directoryPayloads, percentile } from './bench-support.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

/** CPU seconds (user + system) a process has used so far; 0 for one that is gone. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU used by the PostgreSQL backends serving one database, read from /proc by their pids. */
async function postgresCpu(admin: DataSource, name: string): Promise<Map<number, number>> {
  const rows: { pid: number }[] = await admin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
    name,
  ]);
  return new Map(rows.map(({ pid }) => [pid, cpuSeconds(pid)]));
}

/** Runs the real service in its own process, as `npm start` does, and drives it from this one. */
async function startService(name: string): Promise<{ base: string; pid: number; stop: () => void }> {
  // BENCH_CPU_PROFILE=<dir> writes the service's V8 CPU profile there when it stops (open it in DevTools).
  const profile = process.env.BENCH_CPU_PROFILE;
  const flags = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
  const child = spawn(process.execPath, [...flags, 'dist/apps/api/main.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl(name), PORT: '0', SEED_DEMO: 'true', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Percorsi API on (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`service exited with ${code}:\n${output}`)));
  });
  return { base, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

async function benchApi(name: string) {
  const service = await startService(name);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const post = (path: string, body: unknown, token?: string) =>
    new Promise<Record<string, any>>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const request = http.request(
        `${service.base}${path}`,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => {
            const json = JSON.parse(text);
            if ((response.statusCode ?? 500) >= 300)
              reject(new Error(`${path} → ${response.statusCode} ${text}`));
            else resolve(json);
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  try {
    const { token } = await post('/auth/login', {
      email: 'coordinatore@percorsi.demo',
      password: DEMO_PASSWORD,
    });
    // The engine checks every person and organisation an event names: take them from the directory.
    const read = async (path: string): Promise<unknown> =>
      (await fetch(`${service.base}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
    const path = happyPath(await directoryPayloads(read, new Date().toISOString().slice(0, 10)));

    const admin = new DataSource({ type: 'postgres', url: ADMIN_URL });
    await admin.initialize();
    const apiCpuBefore = cpuSeconds(service.pid);
    const postgresBefore = await postgresCpu(admin, name);
    const latencies: number[] = [];
    const deadline = Date.now() + SECONDS * 1000;
    let created = 0;
    const client = async () => {
      while (Date.now() < deadline) {
        const referral = await post('/cases', exampleReferral(), token);
        created++;
        let version = referral.version;
        for (const step of path) {
          if (Date.now() >= deadline) return;
          const started = performance.now();
          const next = await post(
            `/cases/${referral.id}/events`,
            { ...step, expectedVersion: version },
            token,
          );
          latencies.push(performance.now() - started);
          version = next.version;
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const elapsed = (performance.now() - started) / 1000;
    const apiCpu = cpuSeconds(service.pid) - apiCpuBefore;
    let postgresUsed = 0;
    for (const [pid, after] of await postgresCpu(admin, name))
      postgresUsed += after - (postgresBefore.get(pid) ?? 0);
    await admin.destroy();
    latencies.sort((a, b) => a - b);
    // Cases created are requests too: CPU is shared over every request, not only the timed events.
    const requests = latencies.length + created;
    return {
      apiCpuMsPerRequest: (apiCpu * 1000) / requests,
      postgresCpuMsPerRequest: (postgresUsed * 1000) / requests,
      apiCpuShare: apiCpu / elapsed,
      postgresCpuShare: postgresUsed / elapsed,
      transitionsPerSecond: latencies.length / elapsed,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      count: latencies.length,
    };
  } finally {
    agent.destroy();
    service.stop();
  }
}

function benchPgbench(name: string): number {
  const url = databaseUrl(name);
  execFileSync('pgbench', ['-i', '-q', '-s', '1', url], { stdio: 'pipe' });
  const output = execFileSync(
    'pgbench',
    ['-N', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), url],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const match = /tps = ([\d.]+)/.exec(output);
  if (!match) throw new Error(`could not read pgbench output:\n${output}`);
  return Number(match[1]);
}

async function withDatabase<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const admin = new DataSource({ type: 'postgres', url: ADMIN_URL });
  await admin.initialize();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    return await work();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.destroy();
  }
}

async function main(): Promise<void> {
  const suffix = `${process.pid}_${Date.now()}`;
  console.log(
    `Percorsi bench: ${CLIENTS} concurrent clients, ${SECONDS} s per run, on this machine (${cpus().length} CPUs, load ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}).`,
  );
  const api = await withDatabase(`percorsi_bench_${suffix}`, () => benchApi(`percorsi_bench_${suffix}`));
  const pgbenchTps = await withDatabase(`percorsi_pgbench_${suffix}`, () =>
    benchPgbench(`percorsi_pgbench_${suffix}`),
  );
  console.log(`API transitions/s   ${api.transitionsPerSecond.toFixed(0)}  (${api.count} events)`);
  console.log(`API latency         p50 ${api.p50.toFixed(1)} ms, p99 ${api.p99.toFixed(1)} ms`);
  console.log(
    `where time goes    API process ${api.apiCpuMsPerRequest.toFixed(2)} ms CPU per request (${(api.apiCpuShare * 100).toFixed(0)} % of a core), PostgreSQL ${api.postgresCpuMsPerRequest.toFixed(2)} ms (${(api.postgresCpuShare * 100).toFixed(0)} %)`,
  );
  console.log(`pgbench -N tps      ${pgbenchTps.toFixed(0)}  (baseline: simple-update transactions)`);
  console.log(`ratio API/pgbench   ${(api.transitionsPerSecond / pgbenchTps).toFixed(3)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
