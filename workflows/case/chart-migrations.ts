// Declared moves of running cases from one version of the chart to the next: where a case in each state of
// version N goes in version N+1, and what its context becomes. `npm run workflow:migrate` reports and applies
// them (libs/engine/chart-migration.ts); a case whose move is not declared, or whose snapshot does not restore,
// stays where it is.
import {
  persistCase,
  restoreCase,
  stateIdOf,
  stateValueOf,
  versionOf,
  type CaseSnapshot,
  type PersistedCase,
} from './case-snapshot.js';
import type { CaseContext } from './context.js';

/** The history entry of a case moved to another version of the chart (shown as "Sistema"). */
export const CHART_MIGRATED = 'CHART_MIGRATED';

export interface ChartMigration {
  from: number;
  to: number;
  /** The state of version `to` a case in each leaf state of version `from` moves to; absent: it cannot move. */
  states: Record<string, string>;
  /** The context in version `to`. */
  context: (context: CaseContext) => CaseContext;
}

const unchanged = (...states: string[]) => Object.fromEntries(states.map((state) => [state, state]));

/** Version 2 only adds the colloquio di accoglienza: a case waiting for its assessors may now hold it first. */
const v1ToV2: ChartMigration = {
  from: 1,
  to: 2,
  states: {
    ...unchanged(
      'segnalazione.bozza',
      'segnalazione.inviata',
      'segnalazione.da_integrare',
      'valutazione.in_corso',
      'equipe.primo_livello.da_convocare',
      'equipe.primo_livello.convocata',
      'equipe.secondo_livello.da_convocare',
      'equipe.secondo_livello.convocata',
      'pais.in_redazione',
      'pais.da_sottoscrivere',
      'monitoraggio.attivo',
      'monitoraggio.sospeso',
    ),
    'valutazione.da_assegnare': 'valutazione.accoglienza',
  },
  // The interview is optional and version 1 never held one: nothing to carry over.
  context: (context) => context,
};

export const CHART_MIGRATIONS: readonly ChartMigration[] = [v1ToV2];

export function migrationTo(version: number): ChartMigration | undefined {
  return CHART_MIGRATIONS.find((migration) => migration.to === version);
}

export type MigrationOutcome =
  | { moves: true; fromState: string; toState: string; next: CaseSnapshot }
  | { moves: false; fromState: string | null; reason: string };

/** What the migration would make of one stored case; pure, so the dry run and the engine ask the same. */
export function migrateCase(persisted: PersistedCase, migration: ChartMigration): MigrationOutcome {
  let snapshot: CaseSnapshot;
  try {
    snapshot = restoreCase(persisted);
  } catch (error) {
    return {
      moves: false,
      fromState: null,
      reason: `the snapshot does not restore: ${(error as Error).message}`,
    };
  }
  const fromState = stateIdOf(snapshot);
  if (versionOf(snapshot) !== migration.from) {
    return {
      moves: false,
      fromState,
      reason: `runs on version ${versionOf(snapshot)}, not ${migration.from}`,
    };
  }
  if (snapshot.status === 'done') return { moves: false, fromState, reason: 'the case is closed' };
  const toState = migration.states[fromState];
  if (!toState) {
    return { moves: false, fromState, reason: `version ${migration.to} declares no state for ${fromState}` };
  }
  try {
    const next = restoreCase({
      version: migration.to,
      value: stateValueOf(toState),
      context: migration.context(snapshot.context),
    });
    // What is stored must restore again as it is.
    restoreCase(JSON.parse(JSON.stringify(persistCase(next))) as PersistedCase);
    return { moves: true, fromState, toState, next };
  } catch (error) {
    return {
      moves: false,
      fromState,
      reason: `version ${migration.to} refuses it: ${(error as Error).message}`,
    };
  }
}
