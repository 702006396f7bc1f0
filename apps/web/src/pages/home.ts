// Where each role starts, and which screens about cases it is offered: the roles that refer cases are the
// roles that have cases (the API's rule, CREATE_CASE_ROLES); the DPO and the amministratore have none.
import { CREATE_CASE_ROLES, type Role } from '../../../../workflows/case/index.js';

/** Who starts from "Le mie attività": the roles that work cases (operators, coordinators, responsabili). */
export const worksCases = (role: Role | undefined) => role === 'operatore' || role === 'coordinatore';

export const hasCases = (role: Role | undefined) => role !== undefined && CREATE_CASE_ROLES.includes(role);

/**
 * Where a user lands after login: the amministratore administers, the DPO reads the audit log, those who
 * work cases start from Le mie attività, the referring service from its cases.
 */
export function homeOf(role: Role | undefined): string {
  if (role === 'amministratore') return '/amministrazione';
  if (role === 'dpo') return '/registro-accessi';
  return worksCases(role) ? '/attivita' : '/casi';
}
