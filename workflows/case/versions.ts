// Every released version of the chart, by number. A case runs on the version it started on until a declared
// migration moves it (chart-migrations.ts); an ambito chooses the version its new referrals start on.
import type { CaseMachine } from './case.machine.js';
import { caseMachineV1 } from './v1/index.js';
import { caseMachineV2 } from './v2/index.js';

export const CHART_VERSIONS: ReadonlyMap<number, CaseMachine> = new Map([
  [1, caseMachineV1],
  [2, caseMachineV2],
]);

export const RELEASED_VERSIONS = [...CHART_VERSIONS.keys()];
export const LATEST_VERSION = Math.max(...RELEASED_VERSIONS);

/** What each version changed, for the amministratore choosing one (Italian, shown as is). */
export const VERSION_NOTES: Record<number, string> = {
  1: 'Percorso di base: dopo l’accoglimento della segnalazione si assegnano i valutatori.',
  2: 'Come la versione 1, con un colloquio di accoglienza facoltativo prima della valutazione.',
};

export class UnknownChartVersion extends Error {
  constructor(readonly version: unknown) {
    super(`No released version ${String(version)} of the case chart.`);
  }
}

export function chartOf(version: number): CaseMachine {
  const machine = CHART_VERSIONS.get(version);
  if (!machine) throw new UnknownChartVersion(version);
  return machine;
}
