// Who may supervise what: a coordinatore, and only the ambito of their own organisation.
import type { AuthenticatedUser } from './authentication.service.js';
import { DomainError } from '../common/index.js';

/** The ambito the user supervises; `forbidden` for anyone but a coordinatore, or for another ambito. */
export function supervisedAmbito(user: AuthenticatedUser, requested?: string): string {
  if (user.role !== 'coordinatore') {
    throw new DomainError(
      'forbidden',
      'Only a coordinatore may see supervision figures: ask the coordinatore of your ambito.',
      { role: user.role },
    );
  }
  const own = user.organisation.ambito;
  if (requested !== undefined && requested !== own) {
    throw new DomainError('forbidden', `You supervise the ambito ${own} only, not ${requested}.`, {
      ambito: requested,
    });
  }
  return own;
}
