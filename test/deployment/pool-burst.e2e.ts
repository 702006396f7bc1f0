// A process's first statements, more at once than its database pool has connections: each holds a
// connection while it runs its prepared statements, and none may wait on another. The chaos run found an API
// process that hung for good when the first burst of operators reached it: every connection held, each
// waiting for one more to ask which kind of PostgreSQL it talks to (prepared.ts).
import { afterEach, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/persistence/data-source.js';
import { inTransaction, runAlone, type PreparedStatement } from '../../libs/persistence/prepared.js';

const NUMBER: PreparedStatement = { name: 'pool_burst_number', text: 'SELECT $1::int AS n' };

let dataSource: DataSource | null = null;

afterEach(async () => {
  await dataSource?.destroy();
  dataSource = null;
});

/** The work's answer, or null when it has not finished within 20 s (a pool waiting on itself never does). */
function within20s<T>(work: Promise<T>): Promise<T | null> {
  return Promise.race([work, new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000))]);
}

it.each([
  [
    'statements alone',
    (source: DataSource, n: number) => runAlone(source, (session) => session.run(NUMBER, [n])),
  ],
  [
    'transactions',
    (source: DataSource, n: number) =>
      inTransaction(source, async (session) => (await session.run(NUMBER, [n])).length === 1),
  ],
])(
  'runs a first burst of %s larger than the pool',
  async (_, work) => {
    dataSource = createDataSource(process.env.DATABASE_URL!, 2);
    await dataSource.initialize();
    const source = dataSource;
    const answers = await within20s(Promise.all(Array.from({ length: 8 }, (_, n) => work(source, n))));
    expect(answers).toHaveLength(8);
  },
  30_000,
);
