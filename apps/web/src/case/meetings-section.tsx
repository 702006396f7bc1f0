// Equipe multidisciplinare: each meeting as convened (level, date, place, organisations) and, once held,
// who attended, the minutes in full and the decision; escalations to the second level with their reason.
import { Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { CaseView } from '../api/types';
import { formatDate, formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';
import { Fact, FileSection } from './file-section';

type Meeting = CaseView['data']['meetings'][number];

const organisationNames = (refs: Meeting['participants']) =>
  refs.map((ref) => ref.name ?? ref.organisationId).join(', ');

function MeetingCard({ meeting, index }: { meeting: Meeting; index: number }) {
  const { t, vocab, state } = useLabels();
  return (
    <Card withBorder radius="sm" p="sm" data-testid="meeting">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('file.meetingTitle', { number: index + 1, level: state(`equipe.${meeting.level}`) })}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Fact label={t('fields.meetingDate')}>{formatDateTime(meeting.date)}</Fact>
          <Fact label={t('fields.place')}>{meeting.place ?? t('common.none')}</Fact>
        </SimpleGrid>
        <Fact label={t('fields.participants')}>{organisationNames(meeting.participants)}</Fact>
        {meeting.held ? (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Fact label={t('fields.heldOn')}>{formatDate(meeting.held.heldOn)}</Fact>
              <Fact label={t('fields.decision')}>{vocab('decision', meeting.held.decision)}</Fact>
            </SimpleGrid>
            <Fact label={t('fields.attendees')}>{organisationNames(meeting.held.attendees)}</Fact>
            <Fact label={t('fields.minutes')}>{meeting.held.minutes}</Fact>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('file.notYetHeld')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

export function MeetingsSection({ view }: { view: CaseView }) {
  const { t, vocab, state } = useLabels();
  const { meetings, escalations } = view.data;
  return (
    <FileSection
      id="equipe"
      title={t('file.meetings')}
      empty={meetings.length ? undefined : t('file.noMeetings')}
    >
      {meetings.map((meeting, index) => (
        <MeetingCard key={`${meeting.level}${meeting.date}${index}`} meeting={meeting} index={index} />
      ))}
      {escalations.length > 0 && (
        <Fact label={t('file.escalations')}>
          <List size="sm">
            {escalations.map((escalation) => (
              <List.Item key={escalation.at}>
                {formatDateTime(escalation.at)} — {state(escalation.from)}:{' '}
                {vocab('escalationReason', escalation.reason)}
              </List.Item>
            ))}
          </List>
        </Fact>
      )}
    </FileSection>
  );
}
