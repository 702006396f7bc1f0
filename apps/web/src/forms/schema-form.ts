// Forms validated by the same zod schemas the API uses: the form's values become the payload (toPayload),
// the schema checks it as the user types, and the API's field errors land on the same fields.
import { useForm, type FormErrors } from '@mantine/form';
import type { z } from 'zod';
import type { FieldProblem } from '../api/http';
import { useLabels, type Labels } from '../i18n/labels';

type Issue = z.core.$ZodIssue;

function issueMessage(issue: Issue, labels: Labels): string {
  const { t, schemaMessage } = labels;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return t('validation.chooseAtLeast', { count: Number(issue.minimum) });
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return t('validation.required');
      return issue.message;
    case 'too_big':
      return issue.origin === 'string'
        ? t('validation.tooLong', { count: Number(issue.maximum) })
        : issue.message;
    case 'invalid_type':
      return t('validation.required');
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'date' || issue.format === 'datetime') return t('validation.date');
      return issue.message;
    case 'invalid_value':
    case 'invalid_union':
      return t('validation.choice');
    default:
      return schemaMessage(issue.message);
  }
}

export function schemaErrors(schema: z.ZodType, payload: unknown, labels: Labels): FormErrors {
  const result = schema.safeParse(payload);
  if (result.success) return {};
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issueMessage(issue, labels);
  }
  return errors;
}

/** Drops empty text and unset values, so an untouched optional field is absent rather than "". */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as T;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(
      ([, field]) => field !== '' && field !== null && field !== undefined,
    );
    return Object.fromEntries(entries.map(([key, field]) => [key, compact(field)])) as T;
  }
  return typeof value === 'string' ? (value.trim() as T) : value;
}

export function useSchemaForm<Values extends Record<string, unknown>>(options: {
  schema: z.ZodType;
  initialValues: Values;
  toPayload: (values: Values) => unknown;
  onValuesChange?: (values: Values) => void;
}) {
  const labels = useLabels();
  return useForm<Values>({
    initialValues: options.initialValues,
    onValuesChange: options.onValuesChange,
    validateInputOnChange: true,
    validate: (values) => schemaErrors(options.schema, options.toPayload(values), labels),
  });
}

/**
 * Puts the API's field problems beside their fields. Paths come as the API names them
 * (`data.outcome.contractType`, `person.codiceFiscale`); `prefix` is the part the form does not have.
 * Returns the problems no field of the form could show.
 */
export function applyFieldProblems(
  form: { setFieldError(path: string, error: string): void; getInputNode?: unknown },
  problems: FieldProblem[],
  labels: Labels,
  knownPaths: (path: string) => boolean,
  prefix = '',
): FieldProblem[] {
  const unplaced: FieldProblem[] = [];
  for (const problem of problems) {
    const path =
      prefix && problem.field.startsWith(prefix) ? problem.field.slice(prefix.length) : problem.field;
    if (knownPaths(path)) form.setFieldError(path, labels.schemaMessage(problem.reason));
    else unplaced.push(problem);
  }
  return unplaced;
}
