// "Le mie attività": the home of operators and coordinators, one list of what needs them soon, most urgent
// (most overdue) first, each row a link to its case. The server decides what is due and what is late.
import { Alert, Anchor, Badge, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useActivities } from '../api/queries';
import type { WorkItem } from '../api/types';
import { PhaseBadge } from '../case/phase-badge';
import { formatDate, formatDateTime, fromNow } from '../format';
import { useLabels } from '../i18n/labels';

const DAYS = 14;

function When({ item }: { item: WorkItem }) {
  const { t } = useLabels();
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm" fw={600}>
        {item.kind === 'riunione' ? formatDateTime(item.at) : formatDate(item.at)}
      </Text>
      <Text size="xs" c="dimmed">
        {fromNow(item.at)}
      </Text>
      {item.overdue && (
        <Badge color="red" variant="filled" size="sm">
          {item.kind === 'riunione' ? t('activities.notRecorded') : t('activities.overdue')}
        </Badge>
      )}
    </Stack>
  );
}

export function ActivitiesPage() {
  const { t, state: stateLabel } = useLabels();
  const activities = useActivities(DAYS);
  const items = activities.data?.items ?? [];
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('activities.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('activities.subtitle', { days: DAYS })}
        </Text>
      </div>
      {activities.isError && (
        <Alert color="red" role="alert">
          {t('activities.failed')}
        </Alert>
      )}
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }} tabIndex={0}>
        <Table verticalSpacing="sm" horizontalSpacing="md" miw={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('activities.when')}</Table.Th>
              <Table.Th>{t('activities.what')}</Table.Th>
              <Table.Th>{t('activities.person')}</Table.Th>
              <Table.Th>{t('activities.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {activities.isPending &&
              Array.from({ length: 4 }, (_, index) => (
                <Table.Tr key={index}>
                  <Table.Td colSpan={4}>
                    <Skeleton h={28} />
                  </Table.Td>
                </Table.Tr>
              ))}
            {activities.data && items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed" ta="center" py="lg">
                    {t('activities.empty', { days: DAYS })}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {items.map((item) => {
              const name = `${item.person.lastName} ${item.person.firstName}`;
              return (
                <Table.Tr key={`${item.kind} ${item.caseId}`} data-testid="activity-row">
                  <Table.Td>
                    <When item={item} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {t(`activities.kind.${item.kind}`)}
                    </Text>
                    {item.deadline && item.kind !== 'firma' && item.kind !== 'verifica' && (
                      <Text size="xs" c="dimmed">
                        {item.deadline.label}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/casi/${item.caseId}`}
                      fw={600}
                      aria-label={t('list.open', { name })}
                    >
                      {name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <PhaseBadge phase={item.phase} />
                      <Text size="sm">{stateLabel(item.state)}</Text>
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      {activities.data?.more && (
        <Text size="sm">
          {t('activities.more')}{' '}
          <Anchor component={Link} to="/casi?miei=1&ordina=deadline">
            {t('activities.allMine')}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}
