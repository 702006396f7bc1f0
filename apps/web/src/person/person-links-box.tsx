// The overlap box of the case page, above the actions: the person's other percorsi in the ambito (open ones
// first), the percorso this one continues and those continuing it, her household, and for the coordinator the
// records that may be the same person. The API answers empty to whoever may not know (the referring service): nothing shows.
import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../format';
import { useLabels } from '../i18n/labels';
import { DuplicateList } from './duplicate-list';
import { HouseholdList } from './household-list';
import { PercorsoLine, PercorsoList } from './percorso-list';
import { useCaseLinks } from './person-queries';

export function PersonLinksBox({ caseId, state }: { caseId: string; state: string }) {
  const { t, vocab } = useLabels();
  const links = useCaseLinks(caseId).data;
  if (!links?.personId) return null;
  const { otherPercorsi, previous, following, possibleDuplicates, household } = links;
  const personLink = (
    <Anchor component={Link} to={`/persone/${links.personId}`} size="sm">
      {t('person.page')}
    </Anchor>
  );
  if (!otherPercorsi.length && !previous && !following.length && !possibleDuplicates.length)
    return personLink;
  const open = otherPercorsi.filter((percorso) => !percorso.closed);
  return (
    <Paper
      withBorder
      p="lg"
      radius="md"
      component="section"
      aria-labelledby="person-links-title"
      data-testid="person-links"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="person-links-title">
          {t('person.linksTitle')}
        </Title>
        {state === 'segnalazione.inviata' && open.length > 0 && (
          <Alert color="orange" role="note">
            {t('person.inCareWarning', { count: open.length })}
          </Alert>
        )}
        {previous && (
          <Text size="sm" data-testid="previous-percorso">
            {t('person.continues', {
              date: formatDate(previous.openedAt),
              outcome: previous.outcome ? vocab('outcome', previous.outcome) : t('common.none'),
            })}{' '}
            {previous.mayOpen && (
              <Anchor component={Link} to={`/casi/${previous.id}`}>
                {t('person.openPercorso')}
              </Anchor>
            )}
          </Text>
        )}
        {following.map((next) => (
          <Stack gap={4} key={next.id} data-testid="following-percorso">
            <Text size="sm">{t('person.continuedBy', { date: formatDate(next.openedAt) })}</Text>
            <PercorsoLine percorso={next} mayOpen={next.mayOpen} />
          </Stack>
        ))}
        {otherPercorsi.length > 0 && <PercorsoList percorsi={otherPercorsi} />}
        {household.length > 0 && (
          <Stack gap="xs" data-testid="household">
            <Text fw={600}>{t('person.household')}</Text>
            <HouseholdList household={household} />
          </Stack>
        )}
        {possibleDuplicates.length > 0 && (
          <DuplicateList survivorId={links.personId} duplicates={possibleDuplicates} />
        )}
        {personLink}
      </Stack>
    </Paper>
  );
}
