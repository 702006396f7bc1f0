// A person's percorsi, open ones first: where each stands, who leads it, since when; how closed ones ended.
import { Anchor, Badge, Group, List, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../format';
import { useLabels } from '../i18n/labels';
import type { PercorsoSummary } from './person-queries';

export function PercorsoLine({ percorso, mayOpen = true }: { percorso: PercorsoSummary; mayOpen?: boolean }) {
  const { t, state, vocab } = useLabels();
  return (
    <Group gap="xs" wrap="wrap" data-testid="percorso-line">
      <Badge color={percorso.closed ? 'gray' : 'teal'} variant="light">
        {percorso.closed ? t('person.closed') : t('person.open')}
      </Badge>
      {mayOpen ? (
        <Anchor component={Link} to={`/casi/${percorso.id}`} fw={600}>
          {state(percorso.state)}
        </Anchor>
      ) : (
        <Text span fw={600}>
          {state(percorso.state)}
        </Text>
      )}
      <Text span size="sm" c="dimmed">
        {percorso.closed
          ? t('person.outcome', {
              outcome: percorso.outcome ? vocab('outcome', percorso.outcome) : t('common.none'),
            })
          : `${t('person.since', { date: formatDate(percorso.since) })} · ${
              percorso.responsabile
                ? t('person.responsabile', { name: percorso.responsabile.name })
                : t('case.noResponsabile')
            }`}
        {' · '}
        {t('person.referredBy', {
          organisation: percorso.referringOrganisation,
          date: formatDate(percorso.openedAt),
        })}
      </Text>
    </Group>
  );
}

export function PercorsoList({ percorsi }: { percorsi: PercorsoSummary[] }) {
  return (
    <List spacing="xs" listStyleType="none" ml={0} pl={0}>
      {percorsi.map((percorso) => (
        <List.Item key={percorso.id}>
          <PercorsoLine percorso={percorso} />
        </List.Item>
      ))}
    </List>
  );
}
