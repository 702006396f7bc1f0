// Who is acting: a logged-in user seen through their organisation, or the system itself (deadlines).
import type { Viewer } from './case-access.js';
import type { AuthenticatedUser } from './authentication.service.js';

export interface SystemActor {
  userId: null;
  role: 'sistema';
}

/** Events the scheduler applies on expiry; they bypass user rules and are recorded as "Sistema". */
export const SYSTEM_ACTOR: SystemActor = { userId: null, role: 'sistema' };

export type Actor = Viewer | SystemActor;

export function isSystem(actor: Actor): actor is SystemActor {
  return actor.role === 'sistema';
}

export function viewerOf(user: AuthenticatedUser): Viewer {
  return {
    userId: user.id,
    role: user.role,
    organisationId: user.organisation.id,
    organisationType: user.organisation.type,
    ambito: user.organisation.ambito,
  };
}
