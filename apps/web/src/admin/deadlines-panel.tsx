// The ambito's deadline rules: for each deadline of the chart, its default, what applies here, and fields
// to change its duration and reminder days. A change also moves the deadlines of the cases running it now;
// the list of changes below says who made each, when, from what to what.
import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatDateTime } from '../format';
import { DaysField, daysOf } from '../forms/fields';
import { useLabels } from '../i18n/labels';
import {
  useChangeDeadlineRule,
  useDeadlineChanges,
  useDeadlineRules,
  type DeadlineRule,
  type EffectiveRule,
} from './admin-queries';
import { problemsOf } from './problem-of';

/** "3, 1" → [3, 1]; empty → null (the chart's reminders); anything else → undefined (not a list of days). */
function parseDays(text: string): number[] | null | undefined {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (parts.length === 0) return null;
  const days = parts.map(Number);
  return days.every((value) => Number.isInteger(value)) ? days : undefined;
}

function useRuleText() {
  const { t } = useLabels();
  return (rule: EffectiveRule, from: DeadlineRule['from']) => {
    const after =
      from === 'meeting_date'
        ? t('admin.onMeetingDate')
        : rule.afterDays !== null
          ? t('admin.days', { count: rule.afterDays })
          : t('admin.months', { count: rule.afterMonths ?? 0 });
    const reminders = rule.reminderDays.length
      ? t('admin.remindersBefore', { days: rule.reminderDays.join(', ') })
      : t('admin.noReminders');
    return `${after} · ${reminders}`;
  };
}

function DeadlineRow({ rule }: { rule: DeadlineRule }) {
  const labels = useLabels();
  const { t } = labels;
  const ruleText = useRuleText();
  const change = useChangeDeadlineRule();
  const [afterDays, setAfterDays] = useState(String(rule.own?.afterDays ?? ''));
  const [reminders, setReminders] = useState(rule.own?.reminderDays?.join(', ') ?? '');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const remindsNobody = rule.remindsWhom.length === 0;
  const meetingDate = rule.from === 'meeting_date';

  async function save(reset = false) {
    setProblems({});
    const reminderDays = parseDays(reminders);
    const days = daysOf(afterDays);
    if (!reset && (reminderDays === undefined || days === undefined)) {
      setProblems(reminderDays === undefined ? { reminderDays: t('admin.daysList') } : {});
      return;
    }
    try {
      const saved = await change.mutateAsync(
        reset ? { key: rule.key, reset } : { key: rule.key, afterDays: days, reminderDays },
      );
      setAfterDays(String(saved.own?.afterDays ?? ''));
      setReminders(saved.own?.reminderDays?.join(', ') ?? '');
      notifications.show({
        color: 'teal',
        message: t('admin.ruleSaved', { label: rule.label, count: saved.casesReplanned }),
      });
    } catch (error) {
      const found = problemsOf(error, labels);
      const reminderProblem = Object.entries(found).find(([field]) => field.startsWith('reminderDays'));
      setProblems({ ...found, ...(reminderProblem ? { reminderDays: reminderProblem[1] } : {}) });
    }
  }

  return (
    <Table.Tr data-testid={`deadline-${rule.key}`}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {rule.label}
        </Text>
        <Text size="xs" c="dimmed">
          {rule.stateLabel}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{ruleText(rule.default, rule.from)}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs">
          <Text size="sm" fw={600} data-testid="deadline-applied">
            {ruleText(rule.effective, rule.from)}
          </Text>
          {rule.own && (
            <Badge variant="light" color="grape">
              {t('admin.ambitoRule')}
            </Badge>
          )}
        </Group>
        {rule.updatedBy && rule.updatedAt && (
          <Text size="xs" c="dimmed">
            {t('admin.changedBy', { name: rule.updatedBy.name ?? '—', at: formatDateTime(rule.updatedAt) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" align="flex-start" wrap="wrap">
          <DaysField
            label={t('admin.afterDays')}
            aria-label={t('admin.afterDaysOf', { label: rule.label })}
            placeholder={t('admin.chartValue')}
            value={afterDays}
            onChange={(event) => setAfterDays(event.currentTarget.value)}
            disabled={meetingDate}
            description={meetingDate ? t('admin.meetingDateFixed') : undefined}
            error={problems.afterDays}
            w={150}
          />
          <TextInput
            label={t('admin.reminderDays')}
            aria-label={t('admin.reminderDaysOf', { label: rule.label })}
            placeholder={t('admin.chartValue')}
            value={reminders}
            onChange={(event) => setReminders(event.currentTarget.value)}
            disabled={remindsNobody}
            description={remindsNobody ? t('admin.remindsNobody') : t('admin.reminderDaysHint')}
            error={problems.reminderDays}
            w={180}
          />
          <Stack gap={4} mt={25}>
            <Button variant="light" loading={change.isPending} onClick={() => save()}>
              {t('common.save')}
            </Button>
            {rule.own && (
              <Button variant="subtle" color="gray" disabled={change.isPending} onClick={() => save(true)}>
                {t('admin.reset')}
              </Button>
            )}
          </Stack>
        </Group>
        {problems[''] && (
          <Text size="xs" c="red" role="alert">
            {problems['']}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function ChangeLog() {
  const { t } = useLabels();
  const changes = useDeadlineChanges();
  const rules = useDeadlineRules();
  const labelOf = (key: string) => rules.data?.deadlines.find((rule) => rule.key === key)?.label ?? key;
  const text = (rule: { afterDays: number | null; reminderDays: number[] | null }) =>
    rule.afterDays === null && rule.reminderDays === null
      ? t('admin.chartValue')
      : [
          rule.afterDays !== null ? t('admin.days', { count: rule.afterDays }) : null,
          rule.reminderDays ? t('admin.remindersBefore', { days: rule.reminderDays.join(', ') }) : null,
        ]
          .filter(Boolean)
          .join(' · ');
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="sm">
        {t('admin.changes')}
      </Title>
      {changes.data?.changes.length === 0 && <Text c="dimmed">{t('admin.noChanges')}</Text>}
      {!!changes.data?.changes.length && (
        <Table striped verticalSpacing="xs" data-testid="deadline-changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.when')}</Table.Th>
              <Table.Th>{t('admin.who')}</Table.Th>
              <Table.Th>{t('admin.deadline')}</Table.Th>
              <Table.Th>{t('admin.before')}</Table.Th>
              <Table.Th>{t('admin.after')}</Table.Th>
              <Table.Th>{t('admin.casesMoved')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.data.changes.map((change) => (
              <Table.Tr key={`${change.key}-${change.changedAt}`}>
                <Table.Td>{formatDateTime(change.changedAt)}</Table.Td>
                <Table.Td>{change.changedBy.name}</Table.Td>
                <Table.Td>{labelOf(change.key)}</Table.Td>
                <Table.Td>{text(change.old)}</Table.Td>
                <Table.Td>{text(change.new)}</Table.Td>
                <Table.Td>{change.casesReplanned}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export function DeadlinesPanel() {
  const { t } = useLabels();
  const rules = useDeadlineRules();
  return (
    <Stack gap="md">
      <Alert color="blue" variant="light">
        {t('admin.deadlinesIntro')}
      </Alert>
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }} tabIndex={0}>
        {rules.data ? (
          <Table verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.deadline')}</Table.Th>
                <Table.Th>{t('admin.default')}</Table.Th>
                <Table.Th>{t('admin.applied')}</Table.Th>
                <Table.Th>{t('admin.ambitoRuleColumn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.deadlines.map((rule) => (
                <DeadlineRow key={rule.key} rule={rule} />
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Skeleton height={320} />
        )}
      </Paper>
      <ChangeLog />
    </Stack>
  );
}
