// Who may supervise or administer what: a coordinatore supervises, an amministratore administers, and
// each only the ambito of their own organisation.
import type { Localised, Role } from '../../workflows/case/index.js';
import type { AuthenticatedUser } from './authentication.service.js';
import { DomainError } from '../common/index.js';

/** The user's own ambito; `forbidden` for anyone without `role`, or when another ambito is requested. */
export function ownAmbito(user: AuthenticatedUser, role: Role, what: Localised, requested?: string): string {
  if (user.role !== role) {
    throw new DomainError(
      'forbidden',
      {
        it: `Solo un ${role} può ${what.it}: chiedi al ${role} del tuo ambito.`,
        en: `Only a ${role} may ${what.en}: ask the ${role} of your ambito.`,
      },
      { role: user.role },
    );
  }
  const own = user.organisation.ambito;
  if (requested !== undefined && requested !== own) {
    throw new DomainError(
      'forbidden',
      {
        it: `Puoi ${what.it} solo dell’ambito ${own}, non di ${requested}.`,
        en: `You may ${what.en} of the ambito ${own} only, not ${requested}.`,
      },
      { ambito: requested },
    );
  }
  return own;
}

/** The ambito the user supervises; `forbidden` for anyone but a coordinatore, or for another ambito. */
export function supervisedAmbito(user: AuthenticatedUser, requested?: string): string {
  return ownAmbito(
    user,
    'coordinatore',
    { it: 'vedere i dati della supervisione', en: 'see the supervision figures' },
    requested,
  );
}

/** The ambito the user administers; `forbidden` for anyone but an amministratore, or for another ambito. */
export function administeredAmbito(user: AuthenticatedUser, requested?: string): string {
  return ownAmbito(
    user,
    'amministratore',
    {
      it: 'amministrare le organizzazioni, gli utenti e le scadenze',
      en: 'administer the organisations, users and deadlines',
    },
    requested,
  );
}
