// Pure: which jobs a state change asks for, and which jobs of the previous state entry to withdraw.
import { resolveDeadline, type DeadlineOverrides, type DueDeadline } from '../../workflows/case/index.js';
import { deadlineJobId, type DeadlineJob } from './queues.js';
import { realTimeOf } from './time-scale.js';

export interface PlannedJob {
  id: string;
  runAt: Date;
  data: DeadlineJob;
}

export interface StateChange {
  caseId: string;
  at: string;
  deadlines: DueDeadline[];
  requestId?: string;
  /**
   * The ambito's rules changed under this same state entry: its pending jobs move (same ids), and the ones
   * planned under `rulesBefore` that the new rules no longer ask for are withdrawn.
   */
  replan?: { rulesBefore: DeadlineOverrides };
}

function jobsFor(
  change: StateChange,
  overrides: DeadlineOverrides,
  now: Date,
  secondsPerDay?: number,
): PlannedJob[] {
  const plannedAt = new Date(change.at);
  const { caseId, requestId } = change;
  return change.deadlines.flatMap((declared) => {
    const deadline = resolveDeadline(declared, declared.state, declared.startsAt, overrides[declared.key]);
    const { key, state, startsAt, dueAt, onExpiry } = deadline;
    const summary = { key, state, startsAt, dueAt, onExpiry };
    const dueReal = realTimeOf(new Date(dueAt), plannedAt, secondsPerDay);
    const reminders = deadline.remindAt.map((reminder, index) => ({
      id: deadlineJobId(change.caseId, key, startsAt, `reminder${index}`),
      runAt: realTimeOf(new Date(reminder.at), plannedAt, secondsPerDay),
      data: { caseId, requestId, kind: 'reminder' as const, deadline: summary, recipients: reminder.to },
    }));
    const expiry = onExpiry
      ? [
          {
            id: deadlineJobId(change.caseId, key, startsAt, 'expiry'),
            runAt: dueReal,
            data: {
              caseId,
              requestId,
              kind: 'expiry' as const,
              deadline: summary,
              recipients: 'alert' in onExpiry ? onExpiry.alert : [],
            },
          },
        ]
      : [];
    // A late reminder still goes out at once, unless the deadline itself has already passed.
    return [...(dueReal > now ? reminders : []), ...expiry];
  });
}

export function planJobs(
  change: StateChange,
  previous: StateChange | null,
  overrides: DeadlineOverrides,
  now: Date,
  secondsPerDay?: number,
): { add: PlannedJob[]; remove: string[] } {
  const add = jobsFor(change, overrides, now, secondsPerDay);
  const kept = new Set(add.map((job) => job.id));
  const before = change.replan
    ? { change, overrides: { ...overrides, ...change.replan.rulesBefore } }
    : previous && { change: previous, overrides };
  const remove = before
    ? jobsFor(before.change, before.overrides, new Date(0), secondsPerDay)
        .map((job) => job.id)
        .filter((id) => !kept.has(id))
    : [];
  return { add, remove };
}
