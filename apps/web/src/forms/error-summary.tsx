// What a refused submit found wrong, in one place: the summary takes the focus (a screen reader reads it
// out, the keyboard user is not left on the submit button) and names each field with its reason, each a
// link to the field. It follows the form's errors, so it shrinks as the fields are corrected.
import { useEffect, useRef } from 'react';
import { Alert, Anchor, List, Text } from '@mantine/core';

interface FormWithErrors {
  errors: Record<string, unknown>;
  getInputNode(path: string): HTMLElement | null;
}

function labelOfGroup(node: HTMLElement | null): string | null | undefined {
  const named = node?.querySelector('[role=radiogroup]')?.getAttribute('aria-labelledby');
  return named ? document.getElementById(named)?.textContent : null;
}

/** The field's own visible label (asterisk dropped), else its accessible name, else the path. */
function labelOf(node: HTMLElement | null, path: string): string {
  const label =
    (node as HTMLInputElement | null)?.labels?.[0]?.textContent ??
    node?.getAttribute('aria-label') ??
    // A group of choices (radio buttons): the wrapper holds a radiogroup named by the wrapper's label.
    labelOfGroup(node);
  return label?.replace(/\s*\*\s*$/, '').trim() || path;
}

export function ErrorSummary({
  form,
  title,
  attempt,
  children,
}: {
  form: FormWithErrors;
  title: string;
  /** Counts refused submits: each one moves the focus to the summary again. */
  attempt: number;
  /** What no field can show (an API problem about the whole form). */
  children?: React.ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);
  const fields = Object.entries(form.errors).filter(([, error]) => typeof error === 'string' && error);
  return (
    <Alert color="red" role="alert" title={title} ref={ref} tabIndex={-1} data-testid="error-summary">
      {fields.length > 0 && (
        <List size="sm" spacing={2}>
          {fields.map(([path, error]) => (
            <List.Item key={path}>
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => form.getInputNode(path)?.focus()}
              >
                {labelOf(form.getInputNode(path), path)}
              </Anchor>
              <Text span size="sm">
                : {String(error)}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {children}
    </Alert>
  );
}
