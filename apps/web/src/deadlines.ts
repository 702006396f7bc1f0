// Which deadline comes next and whether any has passed: "overdue" means a deadline's due date is in the past.
import type { DueDeadline } from '../../../workflows/case/index.js';

export function nextDeadline(deadlines: readonly DueDeadline[] | undefined): DueDeadline | undefined {
  return [...(deadlines ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
}

export function isOverdue(deadlines: readonly DueDeadline[] | undefined, now: Date = new Date()): boolean {
  return (deadlines ?? []).some((deadline) => new Date(deadline.dueAt).getTime() < now.getTime());
}
