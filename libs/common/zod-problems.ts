import type { z } from 'zod';
import { DomainError, type FieldProblem } from './domain-error.js';

/** Turns zod issues into field problems named by their dotted path under `prefix`. */
export function zodProblems(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.');
    const field = issue.code === 'unrecognized_keys' ? [path, ...issue.keys].filter(Boolean).join('.') : path;
    return { field: field || '(body)', reason: issue.message };
  });
}

/** The input as the schema reads it, or a 422 naming each wrong field (under `prefix`). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, prefix?: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw DomainError.invalidPayload(zodProblems(parsed.error, prefix));
  return parsed.data;
}
