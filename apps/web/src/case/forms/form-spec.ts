// What each event's form is: its starting values (from the case), how values become the payload the
// event's zod schema checks, and the fields it shows.
import type { ReactNode } from 'react';
import type { UseFormReturnType } from '@mantine/form';
import type { CaseView } from '../../api/types';
import type { Directory } from '../../forms/references';

export interface FieldsProps<Values> {
  form: UseFormReturnType<Values>;
  view: CaseView;
  directory: Directory;
}

export interface EventFormSpec<Values extends Record<string, unknown>> {
  initialValues: (view: CaseView, directory: Directory) => Values;
  toPayload: (values: Values, directory: Directory) => unknown;
  /** Absent for events that carry no data: the form is a confirmation. */
  Fields?: (props: FieldsProps<Values>) => ReactNode;
  /** Stays open after it is sent while this holds of the updated case, started again from it (the next domain). */
  repeatWhile?: (view: CaseView) => boolean;
}

// The registry holds forms of different value types; each spec is checked where it is defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEventFormSpec = EventFormSpec<any>;

export function defineForm<Values extends Record<string, unknown>>(
  spec: EventFormSpec<Values>,
): AnyEventFormSpec {
  return spec;
}
