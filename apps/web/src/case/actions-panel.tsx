// The events the case accepts now and this user may apply (allowedEvents), each opening its own form, and
// the ones a rule holds back (blockedEvents) with the rule's words. A form the user leaves for another, or
// for another page, keeps what was typed until it is sent or cancelled (drafts.ts).
import { useState } from 'react';
import { Alert, Box, Button, Divider, Group, List, Loader, Paper, Text, Title } from '@mantine/core';
import { useOrganisations, useUsers } from '../api/queries';
import type { CaseEventType, CaseView } from '../api/types';
import { useLabels } from '../i18n/labels';
import { useDrafts } from './drafts';
import { EventForm } from './event-form';

function BlockedEvents({ view }: { view: CaseView }) {
  const { t, event } = useLabels();
  if (view.blockedEvents.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" mt="md" title={t('case.blockedTitle')} data-testid="blocked-events">
      <List size="sm" spacing={4}>
        {view.blockedEvents.map((blocked) => (
          <List.Item key={blocked.type} data-event={blocked.type}>
            <Text span fw={600} size="sm">
              {event(blocked.type)}
            </Text>
            : {blocked.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

export function ActionsPanel({ view }: { view: CaseView }) {
  const { t, action } = useLabels();
  const organisations = useOrganisations();
  const users = useUsers();
  const drafts = useDrafts(view.id);
  const [selected, setSelected] = useState<CaseEventType | null>(null);
  const [started, setStarted] = useState<CaseEventType[]>(drafts.started);
  // A colleague may have moved the case on: a form whose event is no longer accepted closes.
  const open = selected && view.allowedEvents.includes(selected) ? selected : null;
  const kept = started.filter((type) => view.allowedEvents.includes(type));
  const choose = (type: CaseEventType) => {
    setSelected(open === type ? null : type);
    setStarted((current) => (current.includes(type) ? current : [...current, type]));
  };
  const finish = (type: CaseEventType) => {
    drafts.drop(type);
    setStarted((current) => current.filter((other) => other !== type));
    setSelected(null);
  };

  return (
    <Paper withBorder p="md" radius="md" data-testid="actions-panel">
      <Title order={2} size="h4" mb="sm">
        {t('case.actions')}
      </Title>
      {view.allowedEvents.length === 0 ? (
        <Text c="dimmed" size="sm">
          {view.availableEvents.length === 0 && view.blockedEvents.length === 0
            ? t(view.closed ? 'case.noActions' : 'case.noActionsForYou')
            : view.blockedEvents.length === 0
              ? t('case.noActionsForYou')
              : t('case.onlyBlocked')}
        </Text>
      ) : (
        <Group gap="xs" role="toolbar" aria-label={t('case.actions')}>
          {view.allowedEvents.map((type) => (
            <Button
              key={type}
              size="sm"
              variant={open === type ? 'filled' : 'light'}
              aria-pressed={open === type}
              onClick={() => choose(type)}
            >
              {action(type, view.data)}
              {open !== type && kept.includes(type) && (
                <span aria-hidden title={t('case.draftKept')}>
                  {' •'}
                </span>
              )}
            </Button>
          ))}
        </Group>
      )}
      <BlockedEvents view={view} />
      {kept.length > 0 &&
        (organisations.data && users.data ? (
          kept.map((type) => (
            <Box key={type} hidden={open !== type}>
              <Divider my="md" label={action(type, view.data)} labelPosition="left" />
              <EventForm
                type={type}
                view={view}
                directory={{ organisations: organisations.data, users: users.data }}
                drafts={drafts}
                onDone={() => finish(type)}
              />
            </Box>
          ))
        ) : (
          <Loader size="sm" />
        ))}
    </Paper>
  );
}
