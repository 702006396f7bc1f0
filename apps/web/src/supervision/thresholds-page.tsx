// "Soglie": how long a case may stay in each state of the ambito before it shows as stuck. The chart gives a
// default; the coordinator may change it, remove it, or go back to it, one state at a time.
import { useState } from 'react';
import { Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { DaysField, daysOf } from '../forms/fields';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/http';
import { useChangeThreshold, useThresholds } from '../api/queries';
import type { Threshold } from '../api/types';
import { PhaseBadge } from '../case/phase-badge';
import { formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';

/**
 * One state's threshold: a table row on a wide screen, a card on a phone (four columns with a field and two
 * buttons do not fit one), the same parts in both.
 */
function ThresholdRow({ threshold, card }: { threshold: Threshold; card: boolean }) {
  const { t, schemaMessage } = useLabels();
  const change = useChangeThreshold();
  // The field starts at what applies now; emptied, it means no threshold at all.
  const [days, setDays] = useState(String(threshold.effectiveDays ?? ''));
  const typed = daysOf(days);
  const unchanged = typed === threshold.effectiveDays;
  const [problem, setProblem] = useState<string | null>(null);
  const daysText = (value: number | null) =>
    value === null ? t('thresholds.none') : t('thresholds.days', { count: value });

  async function save(next: { days?: number | null }) {
    setProblem(null);
    try {
      const saved = await change.mutateAsync({ state: threshold.state, ...next });
      setDays(String(saved.effectiveDays ?? ''));
      notifications.show({ color: 'teal', message: t('thresholds.saved', { state: threshold.stateLabel }) });
    } catch (error) {
      setProblem(
        error instanceof ApiError
          ? schemaMessage(error.body.fields?.[0]?.reason ?? error.message)
          : t('common.error'),
      );
    }
  }

  const stateCell = (
    <Stack gap={4} align="flex-start">
      <PhaseBadge phase={threshold.phase} />
      <Text size="sm" fw={card ? 600 : undefined}>
        {threshold.stateLabel}
      </Text>
    </Stack>
  );
  const applied = (
    <>
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
    </>
  );
  const editor = (
    <Group gap="xs" align="flex-start" wrap={card ? 'wrap' : 'nowrap'}>
      <DaysField
        aria-label={t('thresholds.input', { state: threshold.stateLabel })}
        placeholder={t('thresholds.none')}
        value={days}
        onChange={(event) => setDays(event.currentTarget.value)}
        error={problem}
        w={140}
      />
      <Button
        variant="light"
        loading={change.isPending}
        disabled={unchanged || typed === undefined}
        onClick={() => save({ days: typed })}
      >
        {t('thresholds.save')}
      </Button>
      {threshold.ambitoSet && (
        <Button variant="subtle" color="gray" disabled={change.isPending} onClick={() => save({})}>
          {t('thresholds.reset')}
        </Button>
      )}
    </Group>
  );

  if (card) {
    return (
      <Paper component="li" withBorder radius="md" p="md" data-testid={`threshold-${threshold.state}`}>
        <Stack gap="xs">
          {stateCell}
          <Text size="sm">
            {t('thresholds.default')}: {daysText(threshold.defaultDays)}
          </Text>
          <div>
            <Text size="xs" fw={700} c="dimmed">
              {t('thresholds.applied')}
            </Text>
            {applied}
          </div>
          {editor}
        </Stack>
      </Paper>
    );
  }
  return (
    <Table.Tr data-testid={`threshold-${threshold.state}`}>
      <Table.Td>{stateCell}</Table.Td>
      <Table.Td>{daysText(threshold.defaultDays)}</Table.Td>
      <Table.Td>{applied}</Table.Td>
      <Table.Td>{editor}</Table.Td>
    </Table.Tr>
  );
}

export function ThresholdsPage() {
  const { t } = useLabels();
  const thresholds = useThresholds();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });

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
      {!thresholds.data ? (
        <Skeleton height={320} />
      ) : !wide ? (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {thresholds.data.thresholds.map((threshold) => (
            <ThresholdRow key={threshold.state} threshold={threshold} card />
          ))}
        </Stack>
      ) : (
        <Paper withBorder radius="md">
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
                  <ThresholdRow key={threshold.state} threshold={threshold} card={false} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
