// The events the case accepts now and this user may apply (allowedEvents), each opening its own form.
import { useState } from 'react';
import { Button, Divider, Group, Loader, Paper, Text, Title } from '@mantine/core';
import { useOrganisations, useUsers } from '../api/queries';
import type { CaseEventType, CaseView } from '../api/types';
import { useLabels } from '../i18n/labels';
import { EventForm } from './event-form';

export function ActionsPanel({ view }: { view: CaseView }) {
  const { t, event } = useLabels();
  const organisations = useOrganisations();
  const users = useUsers();
  const [selected, setSelected] = useState<CaseEventType | null>(null);
  // A colleague may have moved the case on: a form whose event is no longer accepted closes.
  const open = selected && view.allowedEvents.includes(selected) ? selected : null;

  return (
    <Paper withBorder p="md" radius="md" data-testid="actions-panel">
      <Title order={2} size="h4" mb="sm">
        {t('case.actions')}
      </Title>
      {view.allowedEvents.length === 0 ? (
        <Text c="dimmed" size="sm">
          {view.availableEvents.length === 0 ? t('case.noActions') : t('case.noActionsForYou')}
        </Text>
      ) : (
        <Group gap="xs" role="toolbar" aria-label={t('case.actions')}>
          {view.allowedEvents.map((type) => (
            <Button
              key={type}
              size="sm"
              variant={open === type ? 'filled' : 'light'}
              aria-pressed={open === type}
              onClick={() => setSelected(open === type ? null : type)}
            >
              {event(type)}
            </Button>
          ))}
        </Group>
      )}
      {open && (
        <>
          <Divider my="md" label={event(open)} labelPosition="left" />
          {organisations.data && users.data ? (
            <EventForm
              key={open}
              type={open}
              view={view}
              directory={{ organisations: organisations.data, users: users.data }}
              onDone={() => setSelected(null)}
            />
          ) : (
            <Loader size="sm" />
          )}
        </>
      )}
    </Paper>
  );
}
