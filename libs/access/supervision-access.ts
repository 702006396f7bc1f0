// Who may supervise or administer what: a coordinatore supervises, an amministratore administers, and
// each only the ambito of their own organisation.
import type { Role } from '../../workflows/case/index.js';
import type { AuthenticatedUser } from './authentication.service.js';
import { DomainError } from '../common/index.js';

/** The user's own ambito; `forbidden` for anyone without `role`, or when another ambito is requested. */
export function ownAmbito(user: AuthenticatedUser, role: Role, what: string, requested?: string): string {
  if (user.role !== role) {
    throw new DomainError('forbidden', `Only a ${role} may ${what}: ask the ${role} of your ambito.`, {
      role: user.role,
    });
  }
  const own = user.organisation.ambito;
  if (requested !== undefined && requested !== own) {
    throw new DomainError('forbidden', `You may ${what} of the ambito ${own} only, not ${requested}.`, {
      ambito: requested,
    });
  }
  return own;
}

/** The ambito the user supervises; `forbidden` for anyone but a coordinatore, or for another ambito. */
export function supervisedAmbito(user: AuthenticatedUser, requested?: string): string {
  return ownAmbito(user, 'coordinatore', 'see the supervision figures', requested);
}

/** The ambito the user administers; `forbidden` for anyone but an amministratore, or for another ambito. */
export function administeredAmbito(user: AuthenticatedUser, requested?: string): string {
  return ownAmbito(user, 'amministratore', 'administer the organisations, users and deadlines', requested);
}
