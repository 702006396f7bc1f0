// "Soglie": how long a case may stay in each state of the ambito before it shows as stuck. The chart gives a
// default; the coordinator may change it, remove it, or go back to it, one state at a time.
import { useState } from 'react';
import { Badge, Button, Group, NumberInput, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/http';
import { useChangeThreshold, useThresholds } from '../api/queries';
import type { Threshold } from '../api/types';
import { PhaseBadge } from '../case/phase-badge';
import { formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';

function ThresholdRow({ threshold }: { threshold: Threshold }) {
  const { t, schemaMessage } = useLabels();
  const change = useChangeThreshold();
  // The field starts at what applies now; emptied, it means no threshold at all.
  const [days, setDays] = useState<string | number>(threshold.effectiveDays ?? '');
  const unchanged = (days === '' ? null : Number(days)) === threshold.effectiveDays;
  const [problem, setProblem] = useState<string | null>(null);
  const daysText = (value: number | null) =>
    value === null ? t('thresholds.none') : t('thresholds.days', { count: value });

  async function save(next: { days?: number | null }) {
    setProblem(null);
    try {
      const saved = await change.mutateAsync({ state: threshold.state, ...next });
      setDays(saved.effectiveDays ?? '');
      notifications.show({ color: 'teal', message: t('thresholds.saved', { state: threshold.stateLabel }) });
    } catch (error) {
      setProblem(
        error instanceof ApiError
          ? schemaMessage(error.body.fields?.[0]?.reason ?? error.message)
          : t('common.error'),
      );
    }
  }

  return (
    <Table.Tr data-testid={`threshold-${threshold.state}`}>
      <Table.Td>
        <Stack gap={4}>
          <PhaseBadge phase={threshold.phase} />
          <Text size="sm">{threshold.stateLabel}</Text>
        </Stack>
      </Table.Td>
      <Table.Td>{daysText(threshold.defaultDays)}</Table.Td>
      <Table.Td>
        <Group gap="xs">
          <Text fw={600} data-testid="threshold-applied">
            {daysText(threshold.effectiveDays)}
          </Text>
          {threshold.ambitoSet && (
            <Badge variant="light" color="grape">
              {t('thresholds.ambito')}
            </Badge>
          )}
        </Group>
        {threshold.updatedBy && threshold.updatedAt && (
          <Text size="xs" c="dimmed">
            {t('thresholds.changedBy', {
              name: threshold.updatedBy.name ?? '—',
              at: formatDateTime(threshold.updatedAt),
            })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <NumberInput
            aria-label={t('thresholds.input', { state: threshold.stateLabel })}
            placeholder={t('thresholds.none')}
            min={1}
            max={365}
            allowDecimal={false}
            value={days}
            onChange={setDays}
            error={problem}
            w={140}
          />
          <Button
            variant="light"
            loading={change.isPending}
            disabled={unchanged}
            onClick={() => save({ days: days === '' ? null : Number(days) })}
          >
            {t('thresholds.save')}
          </Button>
          {threshold.ambitoSet && (
            <Button variant="subtle" color="gray" disabled={change.isPending} onClick={() => save({})}>
              {t('thresholds.reset')}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function ThresholdsPage() {
  const { t } = useLabels();
  const thresholds = useThresholds();

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('thresholds.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('thresholds.subtitle', { ambito: thresholds.data?.ambito ?? '…' })}
        </Text>
      </div>
      <Paper withBorder radius="md">
        {thresholds.data ? (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('thresholds.state')}</Table.Th>
                  <Table.Th>{t('thresholds.default')}</Table.Th>
                  <Table.Th>{t('thresholds.applied')}</Table.Th>
                  <Table.Th>{t('thresholds.change')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {thresholds.data.thresholds.map((threshold) => (
                  <ThresholdRow key={threshold.state} threshold={threshold} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Skeleton height={320} />
        )}
      </Paper>
    </Stack>
  );
}
