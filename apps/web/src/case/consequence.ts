// What the step being typed will do that cannot be taken back (close the case, move it to the second
// level), asked of the statechart itself with the form's payload, so the warning and the step agree.
import {
  caseEventSchemas,
  foreseenConsequence,
  restoreCase,
  stateValueOf,
  type CaseEvent,
  type Consequence,
} from '../../../../workflows/case/index.js';
import type { CaseEventType, CaseView } from '../api/types';

export function consequenceOf(type: CaseEventType, view: CaseView, payload: unknown): Consequence {
  const parsed = caseEventSchemas[type].safeParse(payload);
  if (!parsed.success) return null;
  try {
    const snapshot = restoreCase({
      version: view.workflowVersion,
      value: stateValueOf(view.state),
      context: view.data,
    });
    const event = {
      type,
      data: parsed.data,
      at: new Date().toISOString(),
      actor: { userId: '', role: '', organisationId: '' },
    } as CaseEvent;
    return foreseenConsequence(snapshot, event);
  } catch {
    // A view the chart cannot restore gets no warning; the server still decides.
    return null;
  }
}
