import type { z } from 'zod';
import type { FieldProblem } from './domain-error.js';

/** Turns zod issues into field problems named by their dotted path under `prefix`. */
export function zodProblems(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.');
    const field = issue.code === 'unrecognized_keys' ? [path, ...issue.keys].filter(Boolean).join('.') : path;
    return { field: field || '(body)', reason: issue.message };
  });
}
