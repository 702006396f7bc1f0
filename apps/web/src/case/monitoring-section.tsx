// Monitoraggio: every periodic check, newest first, with its andamento, the status of each action of the
// plan and its notes; a suspension with its reason.
import { Badge, Card, Group, List, Stack, Text } from '@mantine/core';
import type { CaseView } from '../api/types';
import { formatDate } from '../format';
import { useLabels } from '../i18n/labels';
import { Fact, FileSection } from './file-section';

const ANDAMENTO_COLOURS = { regolare: 'teal', criticita: 'orange', interrotto: 'red' } as const;

export function MonitoringSection({ view }: { view: CaseView }) {
  const { t, vocab } = useLabels();
  const { monitoring, suspension, plan, planHistory } = view.data;
  const actions = [...planHistory, ...(plan ? [plan] : [])].flatMap((version) => version.actions);
  const actionName = (id: string) => actions.findLast((action) => action.id === id)?.description ?? id;
  return (
    <FileSection
      id="monitoraggio"
      title={t('file.monitoring')}
      empty={monitoring.length || suspension ? undefined : t('file.noMonitoring')}
    >
      {suspension && (
        <Fact label={t('file.suspended')}>
          {t('file.suspendedFrom', { date: formatDate(suspension.from) })} — {suspension.reason}
        </Fact>
      )}
      {[...monitoring].reverse().map((check) => (
        <Card key={check.recordedAt} withBorder radius="sm" p="sm" data-testid="monitoring-check">
          <Stack gap="xs">
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {t('fields.checkedOn')} {formatDate(check.checkedOn)}
              </Text>
              <Badge color={ANDAMENTO_COLOURS[check.andamento]} variant="light">
                {vocab('andamento', check.andamento)}
              </Badge>
            </Group>
            {check.actions.length > 0 && (
              <List size="sm">
                {check.actions.map((action) => (
                  <List.Item key={action.actionId}>
                    {actionName(action.actionId)}: {vocab('actionStatus', action.status)}
                    {action.note ? ` — ${action.note}` : ''}
                  </List.Item>
                ))}
              </List>
            )}
            {check.note && <Fact label={t('file.checkNote')}>{check.note}</Fact>}
          </Stack>
        </Card>
      ))}
    </FileSection>
  );
}
