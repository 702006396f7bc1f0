// Who the case is about and where it stands: phase, state and the version of the chart it follows,
// responsabile, and the next deadline counting down.
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useEffect, useState, type ReactNode } from 'react';
import type { CaseView } from '../api/types';
import { formatDate, formatDateTime, fromNow, isPast } from '../format';
import { useLabels } from '../i18n/labels';
import { PhaseBadge } from './phase-badge';

/** Re-renders every minute so the countdown stays true while the page is open. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  const interval = useInterval(() => setNow(new Date()), 60_000);
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, [interval]);
  return now;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

export function CaseHeader({ view }: { view: CaseView }) {
  const { t, state } = useLabels();
  const now = useNow();
  const next = view.nextDeadline;
  // The server's moment; while the page stays open it may pass, and the countdown says so.
  const overdue = next ? next.overdue || isPast(next.dueAt, now) : false;
  const { person } = view;
  return (
    <Paper withBorder p="lg" radius="md">
      <Group justify="space-between" align="flex-start" mb="md" wrap="wrap">
        <div>
          <Title order={1} size="h2" data-testid="case-person">
            {person.firstName} {person.lastName}
          </Title>
          <Text c="dimmed" size="sm">
            {person.codiceFiscale && (
              <>
                <Text span ff="monospace">
                  {person.codiceFiscale}
                </Text>{' '}
                ·{' '}
              </>
            )}
            {t('case.bornOn', { date: formatDate(person.birthDate) })} · {person.municipality}
          </Text>
        </div>
        {view.closed && (
          <Badge size="lg" color="gray" variant="filled">
            {t('case.closed')}
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="lg">
        <Fact label={t('case.phase')}>
          <div>
            <PhaseBadge phase={view.phase} size="md" />
          </div>
        </Fact>
        <Fact label={t('case.state')}>
          <Text fw={600} data-testid="case-state">
            {state(view.state)}
          </Text>
          {/* Cases of one ambito may run on different versions of the chart: the one this case follows. */}
          <Text size="sm" c="dimmed">
            {t('case.workflowVersion', { version: view.workflowVersion })}
          </Text>
        </Fact>
        <Fact label={t('case.responsabile')}>
          <Text fw={view.data.responsabile ? 600 : 400} c={view.data.responsabile ? undefined : 'dimmed'}>
            {view.data.responsabile?.name ?? t('case.noResponsabile')}
          </Text>
        </Fact>
        {view.closed ? (
          // A closed case has no deadline of its own: its follow-ups are in the outcome section.
          <Fact label={t('file.closedOn')}>
            <Text fw={600}>{formatDateTime(view.data.outcome?.at ?? view.updatedAt)}</Text>
          </Fact>
        ) : (
          <Fact label={t('case.nextDeadline')}>
            {next ? (
              <div data-testid="next-deadline">
                <Group gap={6}>
                  <Text fw={600}>{formatDateTime(next.dueAt)}</Text>
                  {overdue && (
                    <Badge color="red" variant="filled" size="sm">
                      {t('list.overdue')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c={overdue ? 'red.7' : 'dimmed'}>
                  {next.label} ·{' '}
                  {t(overdue ? 'case.overdueBy' : 'case.dueIn', { relative: fromNow(next.dueAt, now) })}
                </Text>
              </div>
            ) : (
              <Text c="dimmed">{t('case.noDeadline')}</Text>
            )}
          </Fact>
        )}
      </SimpleGrid>
    </Paper>
  );
}
