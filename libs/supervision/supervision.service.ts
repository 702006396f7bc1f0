// Supervision for coordinators: the stuck list and the dashboard of their own ambito, at the injected
// clock's "now". Validates the query (422 naming the field) and checks access.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { id, isoMonth, PHASES, text, type Phase } from '../../workflows/case/index.js';
import { supervisedAmbito, type AuthenticatedUser } from '../access/index.js';
import { CLOCK, DomainError, parseInput, type Clock } from '../common/index.js';
import { dashboardCsv, DASHBOARD_TABLE_NAMES, type DashboardTable } from './csv.js';
import { buildDashboard, type Dashboard, type DashboardRange } from './dashboard.js';
import { findStuckCases } from './stuck-cases.js';
import { OPEN_LEAF_STATES, SERVICE_TIME_ZONE } from './supervision-rules.js';
import { listThresholds, resetThreshold, setThreshold, type Threshold } from './thresholds.js';

const OPEN_PHASES = PHASES.filter((phase) => phase !== 'esito') as [string, ...string[]];

export const stuckQuerySchema = z.strictObject({
  ambito: text(100).optional(),
  phase: z.enum(OPEN_PHASES).optional(),
  organisationId: z.uuid().optional(),
  responsabileUserId: id.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const dashboardQuerySchema = z
  .strictObject({
    ambito: text(100).optional(),
    from: isoMonth.optional(),
    to: isoMonth.optional(),
    period: z.enum(['month', 'quarter', 'year']).default('month'),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ['from'],
    message: 'must not be after to',
  });

export const thresholdsQuerySchema = z.strictObject({
  ambito: text(100).optional(),
});

/** Longer than a year would never flag anything a coordinator still acts on; 0 would flag every case. */
export const thresholdChangeSchema = z.strictObject({
  days: z.int().min(1).max(365).nullable(),
});

/** "YYYY-MM" of an instant in the service's calendar. */
function monthOf(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: SERVICE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
  })
    .formatToParts(at)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}`;
}

function monthsBefore(monthText: string, months: number): string {
  const [year, monthNumber] = monthText.split('-').map(Number);
  const index = year * 12 + (monthNumber - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

@Injectable()
export class SupervisionService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async stuck(user: AuthenticatedUser, query: unknown) {
    const ambito = supervisedAmbito(user, this.requestedAmbito(query));
    const { page, pageSize, phase, organisationId, responsabileUserId } = parseInput(
      stuckQuerySchema,
      query ?? {},
    );
    const result = await findStuckCases(this.dataSource, ambito, this.clock.now(), {
      phase: phase as Phase | undefined,
      organisationId,
      responsabileUserId,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { ambito, ...result, page, pageSize };
  }

  /** Defaults to the twelve months up to the current one; outcomes grouped by month. */
  async dashboard(user: AuthenticatedUser, query: unknown): Promise<Dashboard> {
    const ambito = supervisedAmbito(user, this.requestedAmbito(query));
    const parsed = parseInput(dashboardQuerySchema, query ?? {});
    const now = this.clock.now();
    const to = parsed.to ?? (parsed.from && parsed.from > monthOf(now) ? parsed.from : monthOf(now));
    const range: DashboardRange = { from: parsed.from ?? monthsBefore(to, 11), to, period: parsed.period };
    return buildDashboard(this.dataSource, ambito, now, range);
  }

  async dashboardCsv(user: AuthenticatedUser, table: string, query: unknown): Promise<string> {
    if (!DASHBOARD_TABLE_NAMES.includes(table as DashboardTable)) {
      throw new DomainError(
        'not_found',
        {
          it: `Nessuna tabella ${table} nel cruscotto; tabelle: ${DASHBOARD_TABLE_NAMES.join(', ')}.`,
          en: `No dashboard table ${table}; tables: ${DASHBOARD_TABLE_NAMES.join(', ')}.`,
        },
        {
          tables: DASHBOARD_TABLE_NAMES,
        },
      );
    }
    return dashboardCsv(await this.dashboard(user, query), table as DashboardTable);
  }

  async thresholds(
    user: AuthenticatedUser,
    query: unknown,
  ): Promise<{ ambito: string; thresholds: Threshold[] }> {
    const ambito = supervisedAmbito(user, this.requestedAmbito(query));
    parseInput(thresholdsQuerySchema, query ?? {});
    return { ambito, thresholds: await listThresholds(this.dataSource, ambito) };
  }

  /** Sets the ambito's threshold for one state; the stuck list follows before this returns. */
  async setThreshold(user: AuthenticatedUser, state: string, body: unknown): Promise<Threshold> {
    const ambito = supervisedAmbito(user);
    this.requireOpenState(state);
    const { days } = parseInput(thresholdChangeSchema, body ?? {});
    await setThreshold(this.dataSource, { ambito, state, days, userId: user.id, at: this.clock.now() });
    return this.thresholdOf(ambito, state);
  }

  async resetThreshold(user: AuthenticatedUser, state: string): Promise<Threshold> {
    const ambito = supervisedAmbito(user);
    this.requireOpenState(state);
    await resetThreshold(this.dataSource, ambito, state);
    return this.thresholdOf(ambito, state);
  }

  private requireOpenState(state: string): void {
    if (!OPEN_LEAF_STATES.includes(state)) {
      throw new DomainError(
        'not_found',
        {
          it: `Nessuno stato aperto ${state}: le soglie valgono per ${OPEN_LEAF_STATES.join(', ')}.`,
          en: `No open state ${state}: thresholds apply to ${OPEN_LEAF_STATES.join(', ')}.`,
        },
        { states: OPEN_LEAF_STATES },
      );
    }
  }

  private async thresholdOf(ambito: string, state: string): Promise<Threshold> {
    return (await listThresholds(this.dataSource, ambito)).find((threshold) => threshold.state === state)!;
  }

  /** Access is decided before the rest of the query is validated, so a stranger learns nothing from a 422. */
  private requestedAmbito(query: unknown): string | undefined {
    const ambito = (query as Record<string, unknown> | undefined)?.ambito;
    return typeof ambito === 'string' ? ambito : undefined;
  }
}
