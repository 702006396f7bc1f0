// Every transition of the case, and every e-mail sent about it when the history carries them, by time.
import { Paper, Text, Timeline, Title } from '@mantine/core';
import type { CaseHistory } from '../api/types';
import { formatDateTime } from '../format';
import { useLabels, type Labels } from '../i18n/labels';

type Entry =
  | { kind: 'transition'; at: string; item: CaseHistory['items'][number] }
  | { kind: 'email'; at: string; item: NonNullable<CaseHistory['notifications']>[number] };

export function timelineEntries(history: CaseHistory): Entry[] {
  const entries: Entry[] = [
    ...history.items.map((item) => ({ kind: 'transition' as const, at: item.at, item })),
    ...(history.notifications ?? []).map((item) => ({ kind: 'email' as const, at: item.at, item })),
  ];
  // Newest first; at the same instant a transition comes before the e-mail it caused.
  return entries.sort((a, b) => b.at.localeCompare(a.at) || (a.kind === 'email' ? -1 : 1));
}

/** The one or two details that say what an event decided, in words. */
function detail(data: Record<string, unknown> | null, labels: Labels): string | undefined {
  if (!data) return undefined;
  const { vocab } = labels;
  const outcome = data.outcome as { primary?: string } | undefined;
  const parts = [
    typeof data.profilo === 'string' && vocab('profilo', data.profilo),
    typeof data.decision === 'string' && vocab('decision', data.decision),
    typeof data.andamento === 'string' && vocab('andamento', data.andamento),
    typeof data.domain === 'string' &&
      `${vocab('lifeDomain', data.domain)}: ${vocab('needLevel', String(data.needLevel))}`,
    outcome?.primary && vocab('outcome', outcome.primary),
    typeof data.reason === 'string' && data.reason,
    typeof data.note === 'string' && data.note,
    typeof data.minutes === 'string' && data.minutes,
    typeof data.summary === 'string' && data.summary,
  ].filter(Boolean);
  return parts.length ? parts.join(' — ') : undefined;
}

export function CaseTimeline({ history }: { history: CaseHistory }) {
  const labels = useLabels();
  const { t, state, event } = labels;
  const entries = timelineEntries(history);
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="md">
        {t('case.timeline')}
      </Title>
      <Timeline bulletSize={22} lineWidth={2} active={entries.length} color="teal" data-testid="timeline">
        {entries.map((entry) =>
          entry.kind === 'transition' ? (
            <Timeline.Item
              key={`t${entry.item.seq}`}
              bullet={<span aria-hidden>•</span>}
              title={
                <Text fw={600} size="sm">
                  {event(entry.item.eventType)}
                </Text>
              }
              data-testid="timeline-transition"
              data-event={entry.item.eventType}
            >
              <Text size="sm">
                {entry.item.fromState && entry.item.fromState !== entry.item.toState
                  ? `${state(entry.item.fromState)} → ${state(entry.item.toState)}`
                  : state(entry.item.toState)}
              </Text>
              {detail(entry.item.eventData, labels) && (
                <Text size="sm" c="dimmed" lineClamp={3}>
                  {detail(entry.item.eventData, labels)}
                </Text>
              )}
              <Text size="xs" c="dimmed" mt={4}>
                {formatDateTime(entry.item.at)} · {entry.item.actorName ?? t('case.system')}
              </Text>
            </Timeline.Item>
          ) : (
            <Timeline.Item
              key={`e${entry.at}${entry.item.recipient}${entry.item.kind}`}
              bullet={<span aria-hidden>✉</span>}
              color="blue"
              title={
                <Text fw={600} size="sm">
                  {entry.item.subject}
                </Text>
              }
              data-testid="timeline-email"
            >
              <Text size="sm" c="dimmed">
                {t('case.emailTo', { recipient: entry.item.recipient })}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {formatDateTime(entry.at)}
              </Text>
            </Timeline.Item>
          ),
        )}
      </Timeline>
    </Paper>
  );
}
