// Records of the ambito that may be the same person (same birth date, similar name), for the coordinator.
import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../format';
import { useLabels } from '../i18n/labels';
import { MergeForm } from './merge-form';
import type { PossibleDuplicate } from './person-queries';

export function DuplicateList({
  survivorId,
  duplicates,
}: {
  survivorId: string;
  duplicates: PossibleDuplicate[];
}) {
  const { t } = useLabels();
  return (
    <Stack gap="sm">
      <Text fw={600}>{t('person.duplicates')}</Text>
      {duplicates.map((duplicate) => (
        <Paper key={duplicate.id} withBorder p="sm" radius="sm" data-testid="possible-duplicate">
          <Group gap="xs" mb="xs" wrap="wrap">
            <Anchor component={Link} to={`/persone/${duplicate.id}`} fw={600}>
              {duplicate.lastName} {duplicate.firstName}
            </Anchor>
            <Text span size="sm" c="dimmed">
              {t('person.bornOn', { date: formatDate(duplicate.birthDate) })}
              {duplicate.birthplace ? ` · ${duplicate.birthplace}` : ''} ·{' '}
              {duplicate.codiceFiscale ?? t('person.noCodiceFiscale')} ·{' '}
              {t('person.percorsiCount', { count: duplicate.percorsi })}
            </Text>
          </Group>
          <MergeForm survivorId={survivorId} duplicate={duplicate} />
        </Paper>
      ))}
    </Stack>
  );
}
