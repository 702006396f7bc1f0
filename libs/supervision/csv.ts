// Every dashboard table as CSV, with Italian column names, for the spreadsheets coordinators already keep.
import type { Dashboard, Workload } from './dashboard.js';

type Cell = string | number | null;

interface CsvTable {
  header: string[];
  rows: (dashboard: Dashboard) => Cell[][];
}

const workloadRows = (workload: Workload[]) =>
  workload.map((row) => [row.name ?? row.userId, row.userId, row.open, row.overdue]);

export const DASHBOARD_TABLES = {
  funnel: {
    header: ['fase', 'descrizione', 'casi'],
    rows: (dashboard) => dashboard.funnel.map((row) => [row.phase, row.label.it, row.cases]),
  },
  'phase-durations': {
    header: ['fase', 'descrizione', 'passaggi_conclusi', 'mediana_giorni', 'p90_giorni'],
    rows: (dashboard) =>
      dashboard.phaseDurations.map((row) => [
        row.phase,
        row.label.it,
        row.visits,
        row.medianDays,
        row.p90Days,
      ]),
  },
  referrals: {
    header: ['mese', 'servizio_inviante', 'id_organizzazione', 'segnalazioni'],
    rows: (dashboard) =>
      dashboard.referrals.map((row) => [row.month, row.organisation, row.organisationId, row.referrals]),
  },
  outcomes: {
    header: ['periodo', 'esito', 'casi'],
    rows: (dashboard) => dashboard.outcomes.map((row) => [row.period, row.outcome, row.cases]),
  },
  'workload-operators': {
    header: ['operatore', 'id_utente', 'casi_aperti', 'casi_in_ritardo'],
    rows: (dashboard) => workloadRows(dashboard.workload.operators),
  },
  'workload-responsabili': {
    header: ['responsabile', 'id_utente', 'casi_aperti', 'casi_in_ritardo'],
    rows: (dashboard) => workloadRows(dashboard.workload.responsabili),
  },
  escalations: {
    header: ['mese', 'passaggi_al_secondo_livello'],
    rows: (dashboard) => dashboard.escalations.map((row) => [row.month, row.escalations]),
  },
} satisfies Record<string, CsvTable>;

export type DashboardTable = keyof typeof DASHBOARD_TABLES;
export const DASHBOARD_TABLE_NAMES = Object.keys(DASHBOARD_TABLES) as DashboardTable[];

function cell(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  // A leading = + - @ would make a spreadsheet run the cell as a formula.
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a byte-order mark, so spreadsheet programs read the accented labels as UTF-8. */
export function dashboardCsv(dashboard: Dashboard, table: DashboardTable): string {
  const { header, rows } = DASHBOARD_TABLES[table] as CsvTable;
  const lines = [header, ...rows(dashboard)].map((row) => row.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
