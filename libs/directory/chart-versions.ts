// Which released version of the case chart an ambito's new referrals start on: chosen by its amministratore,
// every choice kept with who, when and the version before; running cases stay on the version they started on.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { RELEASED_VERSIONS, VERSION_NOTES } from '../../workflows/case/index.js';
import { administeredAmbito, type AuthenticatedUser } from '../access/index.js';
import { CLOCK, DomainError, parseInput, type Clock } from '../common/index.js';

/** Before an ambito chooses, its referrals start on version 1, the chart every case ran on before versions. */
const FIRST_VERSION = 1;

const ambitoQuerySchema = z.strictObject({ ambito: z.string().trim().min(1).max(100).optional() });
const choiceSchema = z.strictObject({ version: z.int() });

type Queryable = Pick<DataSource, 'query'>;

@Injectable()
export class ChartVersionAdministration {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The version the ambito's new referrals start on. */
  async versionFor(ambito: string, db: Queryable = this.dataSource): Promise<number> {
    const [row]: { version: number }[] = await db.query(
      'SELECT version FROM ambito_chart_versions WHERE ambito = $1 ORDER BY id DESC LIMIT 1',
      [ambito],
    );
    return row?.version ?? FIRST_VERSION;
  }

  /** The released versions, the one in force, how many open cases run on each, and every choice made. */
  async get(admin: AuthenticatedUser, query: unknown) {
    const ambito = administeredAmbito(admin, parseInput(ambitoQuerySchema, query).ambito);
    const [current, running, changes] = await Promise.all([
      this.versionFor(ambito),
      this.dataSource.query(
        `SELECT workflow_version AS version, count(*)::int AS cases FROM cases
         WHERE ambito = $1 AND phase <> 'esito' GROUP BY workflow_version`,
        [ambito],
      ) as Promise<{ version: number; cases: number }[]>,
      this.dataSource.query(
        `SELECT c.version, c.previous_version, c.chosen_at, c.chosen_by, u.full_name AS name
         FROM ambito_chart_versions c JOIN users u ON u.id = c.chosen_by
         WHERE c.ambito = $1 ORDER BY c.id DESC`,
        [ambito],
      ) as Promise<Record<string, never>[]>,
    ]);
    const openCases = new Map(running.map((row) => [row.version, row.cases]));
    return {
      ambito,
      current,
      versions: RELEASED_VERSIONS.map((version) => ({
        version,
        notes: VERSION_NOTES[version],
        openCases: openCases.get(version) ?? 0,
      })),
      changes: changes.map((row) => ({
        version: row.version,
        previousVersion: row.previous_version,
        chosenAt: row.chosen_at,
        chosenBy: { userId: row.chosen_by, name: row.name },
      })),
    };
  }

  /** Sets the version new referrals start on; choosing the one in force again records nothing. */
  async choose(admin: AuthenticatedUser, body: unknown, query: unknown) {
    const ambito = administeredAmbito(admin, parseInput(ambitoQuerySchema, query).ambito);
    const { version } = parseInput(choiceSchema, body);
    if (!RELEASED_VERSIONS.includes(version)) {
      throw DomainError.invalidPayload([
        { field: 'version', reason: `is not a released version (${RELEASED_VERSIONS.join(', ')})` },
      ]);
    }
    await this.dataSource.transaction(async (manager) => {
      // One choice at a time per ambito, so previous_version is the one really replaced.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`chart-version:${ambito}`]);
      const previous = await this.versionFor(ambito, manager);
      if (previous === version) return;
      await manager.query(
        `INSERT INTO ambito_chart_versions (ambito, version, previous_version, chosen_at, chosen_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [ambito, version, previous, this.clock.now(), admin.id],
      );
    });
    return this.get(admin, query);
  }
}
