import type { Role } from '../../workflows/case/index.js';
import { DomainError } from '../common/index.js';

/** For endpoints that belong to one role (administration, the DPO's audit log). */
export function requireRole(actual: Role, required: Role, what: string): void {
  if (actual !== required)
    throw new DomainError('forbidden', `Only the ${required} may ${what}.`, { rule: required });
}
