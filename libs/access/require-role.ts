import type { Localised, Role } from '../../workflows/case/index.js';
import { DomainError } from '../common/index.js';

/** For endpoints that belong to one role (administration, the DPO's audit log). */
export function requireRole(actual: Role, required: Role, what: Localised): void {
  if (actual !== required) {
    throw new DomainError(
      'forbidden',
      { it: `Solo il ${required} può ${what.it}.`, en: `Only the ${required} may ${what.en}.` },
      { rule: required },
    );
  }
}
