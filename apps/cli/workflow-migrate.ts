// npm run workflow:migrate -- --to N [--ambito <id>] [--dry-run]: moves the running cases of version N-1 of
// the chart (of one ambito, with --ambito) to version N by the declared migration
// (libs/engine/chart-migration.ts) and prints the report as JSON. Exits 1 when some case could not move (they
// are named in the report), 2 on bad arguments.
import { parseArgs } from 'node:util';
import { DomainError, systemClock } from '../../libs/common/index.js';
import { loadConfig } from '../../libs/config/index.js';
import { ChartMigrator } from '../../libs/engine/chart-migration.js';
import { openDatabase } from '../../libs/persistence/index.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      to: { type: 'string' },
      ambito: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const to = Number(values.to);
  if (!Number.isInteger(to)) {
    console.error('Usage: npm run workflow:migrate -- --to <version> [--ambito <id>] [--dry-run]');
    return 2;
  }
  const dataSource = await openDatabase(loadConfig().DATABASE_URL, 2);
  try {
    const report = await new ChartMigrator(dataSource, systemClock).run(
      to,
      values['dry-run'],
      values.ambito ?? null,
    );
    console.log(JSON.stringify(report, null, 2));
    return report.cannot.length ? 1 : 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(error.message, JSON.stringify(error.details));
    return 2;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
