// The household (nucleo familiare): each member, what she is to the person, since when, and the member's
// percorsi the user may know of.
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../format';
import { useLabels } from '../i18n/labels';
import { PercorsoList } from './percorso-list';
import type { HouseholdMember } from './person-queries';

export function HouseholdList({ household }: { household: HouseholdMember[] }) {
  const { t } = useLabels();
  if (household.length === 0) return <Text c="dimmed">{t('person.noHousehold')}</Text>;
  return (
    <Stack gap="sm">
      {household.map((link) => (
        <Stack gap={4} key={link.linkId} data-testid="household-member">
          <Group gap="xs" wrap="wrap">
            <Text span fw={600}>
              {t(`person.relationships.${link.relationship}`)}:
            </Text>
            <Anchor component={Link} to={`/persone/${link.member.id}`}>
              {link.member.firstName} {link.member.lastName}
            </Anchor>
            <Text span size="sm" c="dimmed">
              {t('person.bornOn', { date: formatDate(link.member.birthDate) })} ·{' '}
              {link.to
                ? t('person.householdBetween', { from: formatDate(link.from), to: formatDate(link.to) })
                : t('person.since', { date: formatDate(link.from) })}
            </Text>
          </Group>
          {link.percorsi.length > 0 && <PercorsoList percorsi={link.percorsi} />}
        </Stack>
      ))}
    </Stack>
  );
}
