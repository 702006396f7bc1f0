// The API's refusal as the words to show beside each field: its reason (in the user's language when the
// labels know it) when it named fields, else its message.
import { ApiError } from '../api/http';
import type { Labels } from '../i18n/labels';

export function problemsOf(error: unknown, labels: Labels): Record<string, string> {
  if (!(error instanceof ApiError)) return { '': labels.t('common.error') };
  const fields = error.body.fields ?? [];
  if (fields.length === 0) return { '': error.message };
  return Object.fromEntries(fields.map((problem) => [problem.field, labels.schemaMessage(problem.reason)]));
}
