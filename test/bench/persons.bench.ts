// The anagrafica at scale: seeds 1,000,000 persons (a quarter in the measured ambito, birth dates over 65
// years, a third without a codice fiscale, some of them misspelt copies of another) into a database of its own, then times the possible-duplicate
// lookup a referral's case shows the coordinator (PersonRepository.possibleDuplicates), for many different
// people, with the statement's plan. A figure to watch, not a test.
import { DataSource } from 'typeorm';
import { openDatabase, PersonRepository } from '../../libs/persistence/index.js';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const LOOKUPS = Number(process.env.BENCH_RUNS ?? 500);
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AMBITI = 10;
/** The measured ambito holds a quarter of all persons: the worst case, not the average one. */
const LARGEST = 'ambito_0';
const KEPT_DATABASE = process.env.BENCH_DATABASE;

const SYLLABLES = [
  'ro',
  'ma',
  'ri',
  'co',
  'lu',
  'ca',
  'be',
  'ni',
  'fe',
  'ra',
  'gal',
  'lo',
  'con',
  'ti',
  'bru',
];
const FIRST_NAMES = [
  'Mario',
  'Giulia',
  'Luca',
  'Sara',
  'Ahmed',
  'Fatima',
  'Ioana',
  'Mihai',
  'Chiara',
  'Paolo',
];

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function seed(dataSource: DataSource): Promise<void> {
  const started = performance.now();
  // One statement, triggers on (they write the search text). Surnames are three syllables of fifteen
  // (3,375 of them), first names ten: about ten people share an ambito and a birth date, a few a name.
  await dataSource.query(
    `INSERT INTO persons (ambito, first_name, last_name, codice_fiscale, birth_date, sex, birthplace, municipality)
     SELECT 'ambito_' || CASE WHEN i % 100 < 25 THEN 0 ELSE 1 + i % ${AMBITI - 1} END,
            ($1::text[])[1 + (i * 7) % cardinality($1::text[])],
            initcap(($2::text[])[1 + i % 15] || ($2::text[])[1 + (i / 15) % 15] || ($2::text[])[1 + (i / 225) % 15]),
            CASE WHEN i % 3 = 0 THEN NULL ELSE 'BNC' || lpad(i::text, 13, '0') END,
            DATE '1940-01-01' + ((i::bigint * 7919) % 23741)::int,
            CASE WHEN i % 2 = 0 THEN 'M' ELSE 'F' END, 'Pescia', 'Pescia'
     FROM generate_series(1, ${PERSONS}) i`,
    [FIRST_NAMES, SYLLABLES],
  );
  // One in a hundred is referred again without a code and with the surname misspelt: the lookup has
  // something to find.
  await dataSource.query(
    `INSERT INTO persons (ambito, first_name, last_name, birth_date, sex, birthplace, municipality)
     SELECT ambito, first_name, last_name || 'e', birth_date, sex, birthplace, municipality
     FROM persons WHERE codice_fiscale IS NOT NULL AND ctid::text LIKE '%0)'`,
  );
  await dataSource.query('ANALYZE persons');
  console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function planOf(dataSource: DataSource, personId: string): Promise<string> {
  const statements: { sql: string; params: unknown[] }[] = [];
  const recording = Object.create(dataSource) as DataSource;
  recording.query = (async (sql: string, params: unknown[]) => {
    statements.push({ sql, params });
    return dataSource.query(sql, params);
  }) as DataSource['query'];
  const persons = new PersonRepository(recording);
  await persons.possibleDuplicates((await persons.find(personId))!);
  const { sql, params } = statements.at(-1)!;
  const [
    {
      'QUERY PLAN': [plan],
    },
  ] = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
  const nodes: string[] = [];
  const walk = (node: Record<string, any>) => {
    nodes.push(node['Index Name'] ? `${node['Node Type']} ${node['Index Name']}` : node['Node Type']);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan.Plan);
  return `${plan['Execution Time'].toFixed(2)} ms | ${[...new Set(nodes)].join('; ')}`;
}

async function main(): Promise<void> {
  const name = KEPT_DATABASE ?? `percorsi_bench_persons_${process.pid}`;
  const url = databaseUrl(name);
  const dataSource = await openDatabase(url);
  try {
    const [{ seeded }] = await dataSource.query('SELECT count(*)::int AS seeded FROM persons');
    if (seeded === 0) {
      console.log(`Persons bench: seeding ${PERSONS.toLocaleString('en')} persons.`);
      await seed(dataSource);
    } else console.log(`Persons bench: reusing ${name}, ${seeded.toLocaleString('en')} persons.`);
    const sample: { id: string }[] = await dataSource.query(
      `SELECT id FROM persons WHERE ambito = $1 AND codice_fiscale IS NULL ORDER BY md5(id::text) LIMIT $2`,
      [LARGEST, LOOKUPS + 1],
    );
    const [{ inAmbito }] = await dataSource.query(
      'SELECT count(*)::int AS "inAmbito" FROM persons WHERE ambito = $1',
      [LARGEST],
    );
    console.log(
      `Measured ambito ${LARGEST}: ${inAmbito.toLocaleString('en')} persons; ${LOOKUPS} lookups, each for another person without a code.`,
    );
    const persons = new PersonRepository(dataSource);
    const records = await Promise.all(sample.map(({ id }) => persons.find(id)));
    let found = 0;
    const timings: number[] = [];
    for (const [index, record] of records.entries()) {
      const started = performance.now();
      found += (await persons.possibleDuplicates(record!)).length;
      if (index > 0) timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    console.log(
      `possible duplicates, one lookup   p50 ${percentile(timings, 50).toFixed(2)} ms, p95 ${percentile(timings, 95).toFixed(2)} ms, max ${timings.at(-1)!.toFixed(2)} ms (${found} candidates found in all)`,
    );
    console.log(`    plan: ${await planOf(dataSource, sample[0].id)}`);
  } finally {
    await dataSource.destroy();
    if (!KEPT_DATABASE) {
      const admin = new DataSource({ type: 'postgres', url: ADMIN_URL });
      await admin.initialize();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.destroy();
    }
  }
}

await main();
