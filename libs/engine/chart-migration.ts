// Moves running cases from version N of the chart to N+1 by the migration the chart declares
// (workflows/case/chart-migrations.ts): a dry run says, per state, how many cases would move where and which
// cannot and why; applying commits each case on its own, through the same guarded commit as an event, with a
// system entry in its history. A case that cannot move, or that changed meanwhile, is left as it is and named.
import type { DataSource } from 'typeorm';
import {
  CHART_MIGRATED,
  deadlinesOf,
  memberOrganisationsOf,
  migrateCase,
  migrationTo,
  persistCase,
  phaseOf,
  RELEASED_VERSIONS,
  restoreCase,
  type ChartMigration,
} from '../../workflows/case/index.js';
import { DomainError, type Clock } from '../common/index.js';
import { CaseRepository } from '../persistence/case.repository.js';
import { SupervisionProjector } from '../supervision/supervision-projector.js';
import type { StateChangedMessage } from './case-engine.service.js';

export interface MigrationReport {
  from: number;
  to: number;
  dryRun: boolean;
  /** The ambito whose cases alone it moves; null, every ambito's. */
  ambito: string | null;
  /** Per state of version `from`: where its cases go, how many move, which cannot. */
  states: { state: string; toState: string | null; cases: number; moved: number; cannot: number }[];
  moved: number;
  /** Every case left on version `from`, with why. */
  cannot: { caseId: string; state: string; reason: string }[];
}

export class ChartMigrator {
  private readonly cases: CaseRepository;
  private readonly supervision = new SupervisionProjector();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.cases = new CaseRepository(dataSource);
  }

  async run(toVersion: number, dryRun: boolean, ambito: string | null = null): Promise<MigrationReport> {
    const migration = migrationTo(toVersion);
    if (!migration) {
      const targets = RELEASED_VERSIONS.filter((version) => migrationTo(version)).join(', ');
      throw DomainError.invalidPayload([
        { field: 'to', reason: `no migration is declared to version ${toVersion}; to one of ${targets}` },
      ]);
    }
    if (ambito !== null) await this.requireAmbito(ambito);
    const running: { id: string; state: string }[] = await this.dataSource.query(
      `SELECT id, state FROM cases
       WHERE workflow_version = $1 AND phase <> 'esito' AND ($2::text IS NULL OR ambito = $2)
       ORDER BY state, id`,
      [migration.from, ambito],
    );
    const report: MigrationReport = {
      from: migration.from,
      to: migration.to,
      dryRun,
      ambito,
      states: [],
      moved: 0,
      cannot: [],
    };
    for (const { id, state } of running) {
      let line = report.states.find((candidate) => candidate.state === state);
      if (!line) {
        line = { state, toState: migration.states[state] ?? null, cases: 0, moved: 0, cannot: 0 };
        report.states.push(line);
      }
      line.cases += 1;
      const reason = dryRun ? await this.check(id, migration) : await this.move(id, migration);
      if (reason === null) {
        line.moved += 1;
        report.moved += 1;
      } else {
        line.cannot += 1;
        report.cannot.push({ caseId: id, state, reason });
      }
    }
    return report;
  }

  /** An ambito that has no organisation is a typing error, not an ambito without cases. */
  private async requireAmbito(ambito: string): Promise<void> {
    const known: { ambito: string }[] = await this.dataSource.query(
      'SELECT DISTINCT ambito FROM organisations ORDER BY ambito',
    );
    if (!known.some((row) => row.ambito === ambito)) {
      throw DomainError.invalidPayload([
        {
          field: 'ambito',
          reason: `no ambito ${ambito}; one of ${known.map((row) => row.ambito).join(', ')}`,
        },
      ]);
    }
  }

  /** Null when the case would move, else why not. */
  private async check(caseId: string, migration: ChartMigration): Promise<string | null> {
    const stored = await this.cases.find(caseId);
    if (!stored) return 'the case is gone';
    const outcome = migrateCase(stored.snapshot, migration);
    return outcome.moves ? null : outcome.reason;
  }

  /** Commits one case on the next version; null when it moved, else why not. */
  private async move(caseId: string, migration: ChartMigration): Promise<string | null> {
    const stored = await this.cases.find(caseId);
    if (!stored) return 'the case is gone';
    const outcome = migrateCase(stored.snapshot, migration);
    if (!outcome.moves) return outcome.reason;
    const { fromState, toState, next } = outcome;
    const at = this.clock.now();
    const seq = stored.version + 1;
    const entered = toState !== fromState;
    const message: StateChangedMessage = {
      caseId,
      seq,
      at: at.toISOString(),
      fromState,
      toState,
      deadlines: deadlinesOf(next),
    };
    const before = restoreCase(stored.snapshot);
    const committed = await this.cases.commit(
      {
        caseId,
        expectedVersion: stored.version,
        phase: phaseOf(toState),
        state: toState,
        // The case is where it was in the path: its deadlines keep counting from when it got there.
        stateEnteredAt: null,
        snapshot: persistCase(next),
        at,
        history: {
          seq,
          actorUserId: null,
          eventType: CHART_MIGRATED,
          eventData: { fromVersion: migration.from, toVersion: migration.to },
          fromState,
        },
        outbox: entered ? { kind: 'state_changed', payload: message } : null,
        memberOrganisations: memberOrganisationsOf(next.context),
        responsabileUserId: next.context.responsabile?.userId ?? null,
      },
      this.supervision.projection({
        caseId,
        ambito: stored.ambito,
        referringOrganisationId: stored.referringOrganisationId,
        eventType: CHART_MIGRATED,
        at,
        before: { ...stored, snapshot: before },
        after: {
          phase: phaseOf(toState),
          state: toState,
          stateEnteredAt: stored.stateEnteredAt,
          snapshot: next,
        },
      }),
    );
    return committed ? null : 'the case changed while it was being moved: run the migration again';
  }
}
