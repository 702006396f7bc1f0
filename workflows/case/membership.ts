// Which organisations take part in a case (geometria variabile): its assessors', its equipe
// participants', its responsabile's and those responsible for an action of the plan in force. Access rules read this; the consent guards decide who may join.
import type { CaseContext } from './context.js';

export function memberOrganisationsOf(context: CaseContext): string[] {
  return [
    ...new Set([
      ...context.assessors.map((assessor) => assessor.organisationId),
      ...context.meetings.flatMap((meeting) =>
        meeting.participants.map((participant) => participant.organisationId),
      ),
      ...(context.responsabile ? [context.responsabile.organisationId] : []),
      ...(context.plan?.actions.map((action) => action.responsibleOrganisation.organisationId) ?? []),
    ]),
  ].sort();
}
