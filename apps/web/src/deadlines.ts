// Which deadline comes next.
import type { DueDeadline } from '../../../workflows/case/index.js';

export function nextDeadline(deadlines: readonly DueDeadline[] | undefined): DueDeadline | undefined {
  return [...(deadlines ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
}
