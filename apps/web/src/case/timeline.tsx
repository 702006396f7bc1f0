// Every transition of the case, and every e-mail sent about it when the history carries them, by time;
// each entry opens in full.
import { Paper, Spoiler, Text, Timeline, Title } from '@mantine/core';
import type { CaseHistory } from '../api/types';
import { formatDate, formatDateTime } from '../format';
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

const names = (value: unknown): string | false =>
  Array.isArray(value) &&
  value
    .map((item) => (item && typeof item === 'object' ? ((item as { name?: string }).name ?? '') : ''))
    .filter(Boolean)
    .join(', ');

/** What an event decided and said, in words: every text it carries, so an entry opens in full. */
function detail(data: Record<string, unknown> | null, labels: Labels): string[] {
  if (!data) return [];
  const { t, vocab } = labels;
  const outcome = data.outcome as { primary?: string } | undefined;
  const responsabile = data.responsabile as { name?: string } | undefined;
  const dated = (key: string, label: string) =>
    typeof data[key] === 'string' && `${t(label)}: ${formatDate(data[key] as string)}`;
  const referral = data.referral as { needs?: unknown } | undefined;
  const needs = Array.isArray(data.needs) ? data.needs : referral?.needs;
  const parts = [
    Array.isArray(needs) &&
      needs.length > 0 &&
      `${t('referral.needs')}: ${needs.map((domain) => vocab('lifeDomain', String(domain))).join(', ')}`,
    typeof data.profilo === 'string' && vocab('profilo', data.profilo),
    typeof data.decision === 'string' && vocab('decision', data.decision),
    typeof data.andamento === 'string' && vocab('andamento', data.andamento),
    typeof data.domain === 'string' &&
      `${vocab('lifeDomain', data.domain)}: ${vocab('needLevel', String(data.needLevel))}`,
    outcome?.primary && vocab('outcome', outcome.primary),
    dated('heldOn', 'fields.heldOn'),
    dated('signedOn', 'fields.signedOn'),
    dated('checkedOn', 'fields.checkedOn'),
    dated('informedOn', 'fields.informedOn'),
    typeof data.documentId === 'string' && t('file.signedFormFiled'),
    typeof data.date === 'string' && `${t('fields.meetingDate')}: ${formatDateTime(data.date)}`,
    typeof data.place === 'string' && `${t('fields.place')}: ${data.place}`,
    names(data.participants) && `${t('fields.participants')}: ${names(data.participants)}`,
    names(data.attendees) && `${t('fields.attendees')}: ${names(data.attendees)}`,
    names(data.assessors) && `${t('fields.assessors')}: ${names(data.assessors)}`,
    responsabile?.name && `${t('fields.responsabile')}: ${responsabile.name}`,
    typeof data.reason === 'string' && data.reason,
    typeof data.note === 'string' && data.note,
    typeof data.minutes === 'string' && data.minutes,
    typeof data.summary === 'string' && data.summary,
  ];
  return parts.filter((part): part is string => typeof part === 'string' && part.length > 0);
}

/** An entry's details, cut to a few lines with a button that opens them in full. */
function EntryDetail({ lines, withheld }: { lines: string[]; withheld: boolean }) {
  const { t } = useLabels();
  if (withheld) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {t('file.entryWithheld')}
      </Text>
    );
  }
  if (lines.length === 0) return null;
  return (
    <Spoiler
      maxHeight={64}
      showLabel={t('file.showAll')}
      hideLabel={t('file.showLess')}
      data-testid="timeline-detail"
    >
      {lines.map((line, index) => (
        <Text key={index} size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {line}
        </Text>
      ))}
    </Spoiler>
  );
}

export function CaseTimeline({ history }: { history: CaseHistory }) {
  const labels = useLabels();
  const { t, state, event } = labels;
  const entries = timelineEntries(history);
  // The server withholds whole payloads about a protected domain, and from a list of needs the domains this
  // viewer may not read: the entry says which.
  const withheldFields = (history.withheld ?? []).map((item) => item.field);
  const withheld = new Set(
    withheldFields
      .filter((field) => /^history\.\d+\.eventData$/.test(field))
      .map((field) => Number(field.split('.')[1])),
  );
  const needsWithheld = new Set(
    withheldFields.filter((field) => field.endsWith('.needs')).map((field) => Number(field.split('.')[1])),
  );
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
              <EntryDetail
                lines={detail(entry.item.eventData, labels)}
                withheld={withheld.has(entry.item.seq)}
              />
              {needsWithheld.has(entry.item.seq) && (
                <Text size="sm" c="dimmed" fs="italic" data-testid="needs-withheld">
                  {t('file.needsWithheld')}
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
