// One event's form: checked by the event's zod schema as the user types, sent with the case version it
// was filled against, and the API's refusals shown where they belong. A refused form keeps its values;
// a step that will close or escalate the case says so before it is confirmed, and success says what changed.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { caseEventSchemas } from '../../../../workflows/case/index.js';
import { ApiError, type FieldProblem } from '../api/http';
import { keys, useSendEvent } from '../api/queries';
import type { CaseEventType, CaseView } from '../api/types';
import { ErrorSummary } from '../forms/error-summary';
import type { Directory } from '../forms/references';
import { applyFieldProblems, useSchemaForm } from '../forms/schema-form';
import { useLabels } from '../i18n/labels';
import { consequenceOf } from './consequence';
import { whatChanged } from './done-message';
import type { Drafts } from './drafts';
import { EVENT_FORMS } from './forms';

type Refusal =
  | { kind: 'conflict' }
  | { kind: 'guard'; message: string }
  | { kind: 'illegal' }
  | { kind: 'invalid'; unplaced: FieldProblem[] }
  | { kind: 'error'; message: string };

/** The longest prefix of `path` that names a value of the form, so "participants.1.organisationType" lands on "participants". */
function fieldOf(values: unknown, path: string): string | null {
  const segments = path.split('.');
  let current: unknown = values;
  let found: string | null = null;
  for (let index = 0; index < segments.length; index++) {
    if (current === null || typeof current !== 'object' || !(segments[index] in current)) break;
    current = (current as Record<string, unknown>)[segments[index]];
    found = segments.slice(0, index + 1).join('.');
  }
  return found;
}

/** A refusal that is not about one field: read out, and focusable so that the form can move the focus to it. */
function RefusalAlert({
  ref,
  color = 'red',
  title,
  testId,
  children,
}: {
  ref: React.Ref<HTMLDivElement>;
  color?: string;
  title?: string;
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color={color}
      variant="light"
      role="alert"
      title={title}
      data-testid={testId}
    >
      {children}
    </Alert>
  );
}

export function EventForm({
  type,
  view,
  directory,
  drafts,
  onDone,
}: {
  type: CaseEventType;
  view: CaseView;
  directory: Directory;
  /** Where what is typed is kept, so it survives leaving the page. */
  drafts: Drafts;
  onDone: () => void;
}) {
  const labels = useLabels();
  const { t } = labels;
  const label = labels.action(type, view.data);
  const spec = EVENT_FORMS[type];
  const client = useQueryClient();
  const send = useSendEvent(view.id);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // A refusal other than the fields' (which their summary takes) gets the focus, so that it is read at once
  // and the keyboard does not start again from the top of the page (the busy submit button lost the focus).
  const refusalMessage = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusal && refusal.kind !== 'invalid') refusalMessage.current?.focus();
  }, [refusal]);
  // Each refusal for the fields (here or by the API) moves the focus to the summary of them.
  const [refusals, setRefusals] = useState(0);
  const refuseFields = (unplaced: FieldProblem[]) => {
    setRefusal({ kind: 'invalid', unplaced });
    setRefusals((count) => count + 1);
  };
  const form = useSchemaForm({
    schema: caseEventSchemas[type],
    initialValues: drafts.of(type) ?? spec.initialValues(view, directory),
    toPayload: (values) => spec.toPayload(values, directory),
    onValuesChange: (values) => drafts.keep(type, values),
  });

  const submit = form.onSubmit(
    async (values) => {
      setRefusal(null);
      try {
        const data = spec.toPayload(values, directory) as Record<string, unknown>;
        const updated = await send.mutateAsync({ type, data, expectedVersion: view.version });
        notifications.show({ color: 'teal', message: doneMessage(updated, data) });
        if (spec.repeatWhile?.(updated) && updated.allowedEvents.includes(type)) {
          form.setValues(spec.initialValues(updated, directory));
          form.resetDirty();
          drafts.drop(type);
        } else onDone();
      } catch (error) {
        if (!(error instanceof ApiError)) return setRefusal({ kind: 'error', message: t('common.error') });
        switch (error.code) {
          case 'version_conflict':
            return setRefusal({ kind: 'conflict' });
          case 'guard_failed':
            return setRefusal({ kind: 'guard', message: error.message });
          case 'illegal_event':
            return setRefusal({ kind: 'illegal' });
          case 'invalid_payload': {
            const values = form.getValues();
            const problems = (error.body.fields ?? []).map((problem) => ({
              ...problem,
              field: fieldOf(values, problem.field.replace(/^data\./, '')) ?? problem.field,
            }));
            const unplaced = applyFieldProblems(
              form,
              problems,
              labels,
              (path) => fieldOf(values, path) === path,
            );
            return refuseFields(unplaced);
          }
          default:
            return setRefusal({ kind: 'error', message: error.message });
        }
      }
    },
    () => refuseFields([]),
  );

  /** Says what changed: the outcome it closed with, the state the case moved to, or what the event wrote. */
  const doneMessage = (updated: CaseView, sent: Record<string, unknown>) => {
    if (updated.closed && !view.closed) {
      return t('event.doneClosed', {
        label,
        outcome: updated.data.outcome ? labels.vocab('outcome', updated.data.outcome.primary) : '',
      });
    }
    if (updated.state !== view.state)
      return t('event.doneMoved', { label, state: labels.state(updated.state) });
    return whatChanged(labels, type, sent, updated, directory) ?? t('event.done', { label });
  };
  const consequence = consequenceOf(type, view, spec.toPayload(form.values, directory));

  const reload = async () => {
    await client.invalidateQueries({ queryKey: keys.case(view.id) });
    setRefusal(null);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={label} data-testid={`event-form-${type}`}>
      <Stack>
        {spec.Fields ? (
          <spec.Fields form={form} view={view} directory={directory} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('event.confirmOnly')}
          </Text>
        )}
        {consequence && (
          <Alert color="orange" variant="light" title={t('event.beware')} data-testid="consequence">
            {consequence.kind === 'closes'
              ? t('event.willClose', {
                  outcome: consequence.outcome ? labels.vocab('outcome', consequence.outcome) : '',
                })
              : t(type === 'RECORD_MONITORING' ? 'event.willEscalateCriticita' : 'event.willEscalate')}
          </Alert>
        )}
        {refusal?.kind === 'conflict' && (
          <RefusalAlert
            ref={refusalMessage}
            color="yellow"
            title={t('event.conflict')}
            testId="version-conflict"
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('event.conflictHint')}</Text>
              <Button size="xs" variant="filled" color="yellow" onClick={reload}>
                {t('common.reload')}
              </Button>
            </Stack>
          </RefusalAlert>
        )}
        {refusal?.kind === 'guard' && (
          <RefusalAlert ref={refusalMessage} title={t('event.guard')} testId="guard-failed">
            {refusal.message}
          </RefusalAlert>
        )}
        {refusal?.kind === 'illegal' && (
          <RefusalAlert ref={refusalMessage}>{t('event.illegal')}</RefusalAlert>
        )}
        {refusal?.kind === 'invalid' && (
          <ErrorSummary form={form} title={t('event.invalid')} attempt={refusals}>
            {refusal.unplaced.map((problem) => (
              <Text key={problem.field} size="sm">
                {problem.field}: {labels.schemaMessage(problem.reason)}
              </Text>
            ))}
          </ErrorSummary>
        )}
        {refusal?.kind === 'error' && <RefusalAlert ref={refusalMessage}>{refusal.message}</RefusalAlert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={send.isPending}>
            {label}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
