// The amministratore sets the ambito's own deadline rules: another duration and other reminder days for a
// deadline of the chart (by its key). A change is kept with who, when, old and new value, and applies to the
// running cases at once: each gets a system entry in its history and an outbox row that makes the relay
// re-plan its pending jobs under their same deterministic ids.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  chartDeadlines,
  DEADLINE_LABELS,
  deadlineName,
  deadlinesOf,
  resolveDeadline,
  restoreCase,
  stateName,
  type DeadlineOverride,
  type DeadlineSpec,
  type PersistedCase,
} from '../../workflows/case/index.js';
import { administeredAmbito, type AuthenticatedUser } from '../access/index.js';
import { CLOCK, DomainError, parseInput, type Clock } from '../common/index.js';
import { logJson } from '../observability/json-logger.js';
import { NOTICE_OUTBOX_KIND } from '../persistence/outbox.js';
import { lockLateness, recomputeLateness } from '../supervision/lateness-recompute.js';

/** The history entry a rule change writes on each running case it moves (shown as "Sistema"). */
export const DEADLINE_RULES_CHANGED = 'DEADLINE_RULES_CHANGED';
/** The outbox row that asks the relay to re-plan a case's pending deadline jobs. */
export const DEADLINE_REPLAN = 'deadline_replan';

const days = z.int().min(1).max(365);

export const deadlineOverrideSchema = z.strictObject({
  /** null: the chart's duration. */
  afterDays: days.nullable().default(null),
  /** Days before the deadline each reminder goes out; null: the chart's reminders. */
  reminderDays: z.array(days).min(1).max(5).nullable().default(null),
});

const ambitoQuerySchema = z.strictObject({ ambito: z.string().trim().min(1).max(100).optional() });

type Rule = { afterDays: number | null; reminderDays: number[] | null };

const recipientsOf = (spec: DeadlineSpec) => [...new Set(spec.reminders.flatMap((reminder) => reminder.to))];

function effective(spec: DeadlineSpec, rule: Rule) {
  const after = rule.afterDays ?? ('days' in spec.after ? spec.after.days : null);
  return {
    afterDays: after,
    afterMonths: rule.afterDays === null && 'months' in spec.after ? spec.after.months : null,
    reminderDays:
      rule.reminderDays ??
      spec.reminders.map((reminder) => ('days' in reminder.before ? reminder.before.days : 0)),
  };
}

// The reasons of a refusal; the UI translates them (apps/web/src/i18n, validation).
const MEETING_DATE_FIXED = 'this deadline is the meeting date itself: only its reminders change';
const REMINDS_NOBODY = 'this deadline reminds nobody in the chart';
const DAY_TWICE = 'each day may appear once';
const REMINDER_TOO_EARLY = 'must be fewer days than the deadline itself';

/** The checks a rule must pass against the deadline it names: the chart decides what can change. */
function problemsOf(spec: DeadlineSpec, rule: Rule): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  if (rule.afterDays !== null && spec.from === 'meeting_date') {
    problems.push({
      field: 'afterDays',
      reason: MEETING_DATE_FIXED,
    });
  }
  if (rule.reminderDays !== null) {
    if (recipientsOf(spec).length === 0) {
      problems.push({ field: 'reminderDays', reason: REMINDS_NOBODY });
    }
    if (new Set(rule.reminderDays).size !== rule.reminderDays.length) {
      problems.push({ field: 'reminderDays', reason: DAY_TWICE });
    }
    const limit = spec.from === 'state_entry' ? effective(spec, rule).afterDays : null;
    rule.reminderDays.forEach((day, index) => {
      if (limit !== null && day >= limit) {
        problems.push({ field: `reminderDays.${index}`, reason: REMINDER_TOO_EARLY });
      }
    });
  }
  return problems;
}

const sameRule = (a: Rule, b: Rule) =>
  a.afterDays === b.afterDays && JSON.stringify(a.reminderDays) === JSON.stringify(b.reminderDays);

const toOverride = (rule: Rule): DeadlineOverride => ({
  afterDays: rule.afterDays ?? undefined,
  reminderDays: rule.reminderDays ?? undefined,
});

@Injectable()
export class DeadlineAdministration {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Each deadline of the chart: its default, the ambito's own rule, what applies, who set it. */
  async list(admin: AuthenticatedUser, query: unknown) {
    const ambito = administeredAmbito(admin, parseInput(ambitoQuerySchema, query).ambito);
    const rows: {
      deadline_key: string;
      after_days: number | null;
      reminder_days: number[] | null;
      updated_at: Date;
      updated_by: string | null;
      name: string | null;
    }[] = await this.dataSource.query(
      `SELECT o.deadline_key, o.after_days, o.reminder_days, o.updated_at, o.updated_by, u.full_name AS name
       FROM deadline_overrides o LEFT JOIN users u ON u.id = o.updated_by WHERE o.ambito = $1`,
      [ambito],
    );
    const own = new Map(rows.map((row) => [row.deadline_key, row]));
    return {
      ambito,
      deadlines: chartDeadlines().map((spec) => {
        const row = own.get(spec.key);
        const rule: Rule = { afterDays: row?.after_days ?? null, reminderDays: row?.reminder_days ?? null };
        return {
          key: spec.key,
          label: deadlineName(spec.key),
          state: spec.state,
          stateLabel: stateName(spec.state),
          from: spec.from,
          remindsWhom: recipientsOf(spec),
          default: effective(spec, { afterDays: null, reminderDays: null }),
          own: row ? rule : null,
          effective: effective(spec, rule),
          updatedAt: row?.updated_at ?? null,
          updatedBy: row?.updated_by ? { userId: row.updated_by, name: row.name } : null,
        };
      }),
    };
  }

  /** Every change to the ambito's rules, newest first. */
  async changes(admin: AuthenticatedUser, query: unknown) {
    const ambito = administeredAmbito(admin, parseInput(ambitoQuerySchema, query).ambito);
    const rows = await this.dataSource.query(
      `SELECT c.deadline_key, c.changed_at, c.changed_by, u.full_name AS name, c.old_after_days, c.old_reminder_days,
              c.new_after_days, c.new_reminder_days, c.cases_replanned
       FROM deadline_override_changes c JOIN users u ON u.id = c.changed_by
       WHERE c.ambito = $1 ORDER BY c.changed_at DESC, c.id DESC`,
      [ambito],
    );
    return {
      ambito,
      changes: rows.map((row: Record<string, never>) => ({
        key: row.deadline_key,
        changedAt: row.changed_at,
        changedBy: { userId: row.changed_by, name: row.name },
        old: { afterDays: row.old_after_days, reminderDays: row.old_reminder_days },
        new: { afterDays: row.new_after_days, reminderDays: row.new_reminder_days },
        casesReplanned: row.cases_replanned,
      })),
    };
  }

  /** Sets (or with both values null, removes) the ambito's rule for one deadline of the chart. */
  async change(admin: AuthenticatedUser, key: string, body: unknown, query: unknown) {
    const ambito = administeredAmbito(admin, parseInput(ambitoQuerySchema, query).ambito);
    const spec = chartDeadlines().find((candidate) => candidate.key === key);
    if (!spec) {
      const keys = [...new Set(chartDeadlines().map((candidate) => candidate.key))].join(', ');
      throw DomainError.invalidPayload([
        { field: 'key', reason: `names no deadline of the chart; one of ${keys}` },
      ]);
    }
    const rule = parseInput(deadlineOverrideSchema, body);
    const problems = problemsOf(spec, rule);
    if (problems.length) throw DomainError.invalidPayload(problems);
    const at = this.clock.now();
    const { casesReplanned, unreadableCases } = await this.dataSource.transaction(async (manager) => {
      // Taken before any case row, as a transition takes it before its case row: never a deadlock.
      await lockLateness(manager);
      const [row] = await manager.query(
        'SELECT after_days, reminder_days FROM deadline_overrides WHERE ambito = $1 AND deadline_key = $2',
        [ambito, key],
      );
      const old: Rule = { afterDays: row?.after_days ?? null, reminderDays: row?.reminder_days ?? null };
      if (sameRule(old, rule)) return { casesReplanned: 0, unreadableCases: [] };
      const { replanned, unreadable } = await this.replanRunningCases(
        manager,
        ambito,
        spec,
        old,
        rule,
        admin,
        at,
      );
      if (rule.afterDays === null && rule.reminderDays === null) {
        await manager.query('DELETE FROM deadline_overrides WHERE ambito = $1 AND deadline_key = $2', [
          ambito,
          key,
        ]);
      } else {
        await manager.query(
          `INSERT INTO deadline_overrides (ambito, deadline_key, after_days, reminder_days, updated_at, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (ambito, deadline_key) DO UPDATE SET after_days = EXCLUDED.after_days,
             reminder_days = EXCLUDED.reminder_days, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
          [ambito, key, rule.afterDays, rule.reminderDays, at, admin.id],
        );
      }
      await recomputeLateness(manager, { ambito, deadlineKey: key });
      await manager.query(
        `INSERT INTO deadline_override_changes (ambito, deadline_key, changed_at, changed_by, old_after_days,
           old_reminder_days, new_after_days, new_reminder_days, cases_replanned)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          ambito,
          key,
          at,
          admin.id,
          old.afterDays,
          old.reminderDays,
          rule.afterDays,
          rule.reminderDays,
          replanned,
        ],
      );
      return { casesReplanned: replanned, unreadableCases: unreadable };
    });
    const listed = await this.list(admin, {});
    return { ...listed.deadlines.find((deadline) => deadline.key === key)!, casesReplanned, unreadableCases };
  }

  /**
   * Writes the system entry and the re-plan request on every case of the ambito running this deadline. A
   * case whose snapshot cannot be restored is left as it is and named, rather than failing the change.
   */
  private async replanRunningCases(
    manager: EntityManager,
    ambito: string,
    spec: DeadlineSpec & { state: string },
    old: Rule,
    rule: Rule,
    admin: AuthenticatedUser,
    at: Date,
  ): Promise<{ replanned: number; unreadable: string[] }> {
    // Follow-ups run in esito; every other deadline only on open cases.
    const rows: { id: string; state: string; snapshot: PersistedCase }[] = await manager.query(
      `SELECT id, state, snapshot FROM cases WHERE ambito = $1 AND (phase <> 'esito' OR $2) ORDER BY id`,
      [ambito, spec.state.startsWith('esito')],
    );
    let replanned = 0;
    const unreadable: string[] = [];
    for (const row of rows) {
      let snapshot: ReturnType<typeof restoreCase>;
      try {
        snapshot = restoreCase(row.snapshot);
      } catch (error) {
        logJson('warn', 'case snapshot cannot be restored', { caseId: row.id, error: String(error) });
        unreadable.push(row.id);
        continue;
      }
      const declared = deadlinesOf(snapshot);
      const running = declared.find((deadline) => deadline.key === spec.key);
      if (!running) continue;
      const [last] = await manager.query(
        'SELECT payload FROM outbox WHERE case_id = $1 AND kind <> $2 ORDER BY seq DESC LIMIT 1',
        [row.id, NOTICE_OUTBOX_KIND],
      );
      const dated = (value: Rule) => {
        const due = resolveDeadline(spec, running.state, running.startsAt, toOverride(value));
        return {
          ...effective(spec, value),
          dueAt: due.dueAt,
          remindAt: due.remindAt.map((reminder) => reminder.at),
        };
      };
      const entry = {
        deadlineKey: spec.key,
        // The case's history records the name as it was then, in Italian like the rest of the record.
        label: DEADLINE_LABELS[spec.key],
        ambito,
        before: dated(old),
        after: dated(rule),
        changedBy: { userId: admin.id, name: admin.fullName },
      };
      // `at` stays the state entry's planning moment, so a compressed time scale dates the jobs as before.
      const payload = {
        caseId: row.id,
        at: last?.payload.at ?? running.startsAt,
        fromState: row.state,
        toState: row.state,
        deadlines: declared,
        replan: { rulesBefore: { [spec.key]: toOverride(old) } },
      };
      await manager.query(
        `WITH bumped AS (
           UPDATE cases SET version = version + 1 WHERE id = $1 RETURNING id, version, state
         ), history AS (
           INSERT INTO case_history (case_id, seq, at, actor_user_id, event_type, event_data, from_state, to_state)
           SELECT id, version, $2, NULL, $3, $4, state, state FROM bumped
         )
         INSERT INTO outbox (case_id, seq, kind, payload, created_at)
         SELECT id, version, $5, $6::jsonb || jsonb_build_object('seq', version), $2 FROM bumped`,
        [row.id, at, DEADLINE_RULES_CHANGED, JSON.stringify(entry), DEADLINE_REPLAN, JSON.stringify(payload)],
      );
      replanned++;
    }
    return { replanned, unreadable };
  }
}
