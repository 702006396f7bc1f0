// Errors are values with a code; apps/api maps each code to an HTTP status in one exception filter.

export type ErrorCode =
  | 'invalid_payload'
  | 'illegal_event'
  | 'guard_failed'
  | 'version_conflict'
  /** Something else still refers to it (a resource linked by a plan). */
  | 'in_use'
  | 'not_found'
  | 'unauthenticated'
  | 'forbidden'
  | 'too_many_requests'
  /** The case's stored snapshot does not restore on its version of the chart. */
  | 'unreadable_case';

export interface FieldProblem {
  field: string;
  reason: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static invalidPayload(problems: FieldProblem[]): DomainError {
    const summary = problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; ');
    return new DomainError('invalid_payload', `Invalid input. ${summary}`, { fields: problems });
  }
}
