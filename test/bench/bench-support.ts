// What the benches share: their databases beside the tests', percentiles, timing a screen's request over
// HTTP, and example payloads naming the directory's real people and organisations (the engine checks them).
import { DataSource } from 'typeorm';
import { examplePayloads, type ExamplePayloads, type OrganisationType } from '../../workflows/case/index.js';
import type { ApiClient } from '../support/api.js';

export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a bench's own database (unless it is kept with BENCH_DATABASE for another run). */
export async function dropDatabase(name: string): Promise<void> {
  const admin = new DataSource({ type: 'postgres', url: ADMIN_URL });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.destroy();
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** The whole request: HTTP, authentication, validation, the queries and the JSON the screen receives. */
export async function measureHttp(
  name: string,
  client: ApiClient,
  path: string,
  runs: number,
): Promise<{ p50: number; p95: number }> {
  const timeRequest = async () => {
    const started = performance.now();
    const response = await client.get(path);
    if (response.status !== 200)
      throw new Error(`${path} → ${response.status} ${JSON.stringify(response.body)}`);
    return performance.now() - started;
  };
  const coldMs = await timeRequest();
  const timings: number[] = [];
  for (let run = 0; run < runs; run++) timings.push(await timeRequest());
  timings.sort((a, b) => a - b);
  const figures = { p50: percentile(timings, 50), p95: percentile(timings, 95) };
  console.log(
    `${name.padEnd(34)} cold ${coldMs.toFixed(1).padStart(6)} ms | warm p50 ${figures.p50.toFixed(1).padStart(5)} ms, p95 ${figures.p95.toFixed(1).padStart(5)} ms`,
  );
  return figures;
}

interface DirectoryOrganisation {
  id: string;
  name: string;
  type: OrganisationType;
}

interface DirectoryUser {
  id: string;
  fullName: string;
  role: string;
  organisation: { id: string; type: OrganisationType };
}

/** The example payloads with the ambito's own organisations and operators (the first SdS one responsabile). */
export async function directoryPayloads(
  read: (path: string) => Promise<unknown>,
  today: string,
): Promise<ExamplePayloads> {
  const organisations = (await read('/organisations')) as DirectoryOrganisation[];
  const users = (await read('/users')) as DirectoryUser[];
  const reference = (type: OrganisationType) => {
    const organisation = organisations.find((candidate) => candidate.type === type)!;
    return { organisationId: organisation.id, organisationType: type, name: organisation.name };
  };
  const asPerson = (found: DirectoryUser) => ({
    userId: found.id,
    name: found.fullName,
    organisationId: found.organisation.id,
    organisationType: found.organisation.type,
  });
  const operatorOf = (type: OrganisationType) =>
    asPerson(
      users.find((candidate) => candidate.role === 'operatore' && candidate.organisation.type === type)!,
    );
  const responsabile = operatorOf('sds');
  return examplePayloads(
    {
      social: reference('sds'),
      labour: reference('cpi'),
      health: reference('serd'),
      responsabile,
      assessors: [responsabile, operatorOf('cpi')],
    },
    today,
  );
}
