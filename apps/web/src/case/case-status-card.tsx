// What the referring service sees once the case is taken on: where it stands and its outcome, no content.
import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { CaseStatusView } from '../api/types';
import { formatDate, formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';
import { PhaseBadge } from './phase-badge';

export function CaseStatusCard({ view }: { view: CaseStatusView }) {
  const { t, state, vocab } = useLabels();
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group gap="sm">
          <PhaseBadge phase={view.phase} size="md" />
          <Title order={1} size="h3" data-testid="case-state">
            {state(view.state)}
          </Title>
        </Group>
        <Text fw={600} data-testid="status-person">
          {t('file.statusPerson', { initials: view.person.initials })}
        </Text>
        <Text size="sm">{t('file.statusReferredOn', { date: formatDate(view.createdAt) })}</Text>
        {view.outcome && <Text>{vocab('outcome', view.outcome)}</Text>}
        <Text size="sm" c="dimmed">
          {formatDateTime(view.updatedAt)}
        </Text>
        <Alert color="gray" variant="light">
          {t('case.statusOnly')}
        </Alert>
      </Stack>
    </Paper>
  );
}
