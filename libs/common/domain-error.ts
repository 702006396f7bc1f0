// Errors are values with a code; apps/api maps each code to an HTTP status in one exception filter, and
// words the message in the request's language (the code and the details stay as they are).
import { fieldMessage, type Localised } from '../../workflows/case/index.js';

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
    /** What the user reads, in every language; `message` is the Italian, for logs. */
    readonly text: Localised,
    readonly details: Record<string, unknown> = {},
  ) {
    super(text.it);
  }

  /**
   * Each field's `reason` stays as written (English, stable: programs, and the web UI, match on it); the
   * error's message names each field with the reason in words, from the one list of reasons
   * (workflows/case/field-reasons.ts), which the web UI words the fields from too.
   */
  static invalidPayload(problems: FieldProblem[]): DomainError {
    const summary = (language: 'it' | 'en') =>
      problems.map((problem) => `${problem.field}: ${fieldMessage(problem.reason)[language]}`).join('; ');
    return new DomainError(
      'invalid_payload',
      { it: `Dati non validi. ${summary('it')}`, en: `Invalid input. ${summary('en')}` },
      { fields: problems },
    );
  }
}

/** A 404's words for each kind of thing, the same wherever it is looked up. */
export const NO_SUCH = {
  case: { it: 'Caso inesistente.', en: 'No such case.' },
  person: { it: 'Persona inesistente.', en: 'No such person.' },
  user: { it: 'Utente inesistente.', en: 'No such user.' },
  document: { it: 'Documento inesistente.', en: 'No such document.' },
  diaryEntry: { it: 'Nota del diario inesistente.', en: 'No such diary entry.' },
} satisfies Record<string, Localised>;
