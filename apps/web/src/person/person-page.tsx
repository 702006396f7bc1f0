// "Scheda della persona": who she is, every change of her record (who, when, old → new), her percorsi the
// user may know of, her household, the records merged into her and, for the coordinator, possible duplicates.
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';
import { LoadFailed } from '../pages/load-failed';
import { AddCodiceFiscaleForm } from './add-codice-fiscale-form';
import { DuplicateList } from './duplicate-list';
import { HouseholdForm } from './household-form';
import { HouseholdList } from './household-list';
import { PercorsoList } from './percorso-list';
import { usePerson } from './person-queries';
import { RectificationForm } from './rectification-form';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text>{children}</Text>
    </Stack>
  );
}

export function PersonPage() {
  const { personId = '' } = useParams();
  const { t } = useLabels();
  const view = usePerson(personId);
  if (view.error) return <LoadFailed error={view.error} />;
  if (!view.data) return <Skeleton h={400} />;
  const { person, changes, merges, percorsi, possibleDuplicates, household } = view.data;
  const none = t('common.none');
  return (
    <Stack gap="md">
      <Paper withBorder p="lg" radius="md">
        <Title order={1} size="h2" mb="md" data-testid="person-name">
          {person.firstName} {person.lastName}
        </Title>
        {person.mergedInto && (
          <Alert color="gray" mb="md">
            {t('person.mergedInto')}{' '}
            <Anchor component={Link} to={`/persone/${person.mergedInto}`}>
              {t('person.page')}
            </Anchor>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="lg">
          <Fact label={t('referral.codiceFiscale')}>
            <Text span ff="monospace">
              {person.codiceFiscale ?? t('person.noCodiceFiscale')}
            </Text>
          </Fact>
          <Fact label={t('referral.birthDate')}>{formatDate(person.birthDate)}</Fact>
          <Fact label={t('person.sex')}>{person.sex ? t(`person.sexes.${person.sex}`) : none}</Fact>
          <Fact label={t('person.birthplace')}>{person.birthplace ?? none}</Fact>
          <Fact label={t('person.citizenship')}>{person.citizenship ?? none}</Fact>
          <Fact label={t('referral.municipality')}>{person.municipality}</Fact>
          <Fact label={t('referral.phone')}>{person.phone ?? none}</Fact>
          <Fact label={t('referral.email')}>{person.email ?? none}</Fact>
        </SimpleGrid>
        {!person.codiceFiscale && !person.mergedInto && (
          <Stack mt="md">
            <AddCodiceFiscaleForm person={person} />
          </Stack>
        )}
        {!person.mergedInto && (
          <Accordion mt="md" variant="contained">
            <Accordion.Item value="rettifica">
              <Accordion.Control>{t('person.rectifyTitle')}</Accordion.Control>
              <Accordion.Panel>
                <RectificationForm key={person.version} person={person} />
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        )}
      </Paper>

      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="person-percorsi">
        <Title order={2} size="h4" mb="sm" id="person-percorsi">
          {t('person.percorsi')}
        </Title>
        {percorsi.length ? <PercorsoList percorsi={percorsi} /> : <Text c="dimmed">{none}</Text>}
      </Paper>

      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="person-household">
        <Title order={2} size="h4" mb="sm" id="person-household">
          {t('person.household')}
        </Title>
        <Stack gap="md">
          <HouseholdList household={household} />
          {!person.mergedInto && <HouseholdForm personId={person.id} />}
        </Stack>
      </Paper>

      {possibleDuplicates.length > 0 && (
        <Paper withBorder p="lg" radius="md">
          <DuplicateList survivorId={person.id} duplicates={possibleDuplicates} />
        </Paper>
      )}

      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="person-changes">
        <Title order={2} size="h4" mb="sm" id="person-changes">
          {t('person.changes')}
        </Title>
        {changes.length === 0 && merges.length === 0 ? (
          <Text c="dimmed">{t('person.noChanges')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('person.when')}</Table.Th>
                  <Table.Th>{t('person.who')}</Table.Th>
                  <Table.Th>{t('person.field')}</Table.Th>
                  <Table.Th>{t('person.change')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changes.map((change, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>{formatDateTime(change.at)}</Table.Td>
                    <Table.Td>{change.user?.fullName ?? t('person.system')}</Table.Td>
                    <Table.Td>
                      {t(`person.fields.${change.field}`, { defaultValue: change.field })}
                      <Text size="xs" c="dimmed">
                        {t(`person.sources.${change.source}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {change.oldValue ?? none} → {change.newValue ?? none}{' '}
                      {!change.applied && (
                        <Badge color="gray" variant="light">
                          {t('person.notApplied')}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
                {merges.map((merge) => (
                  <Table.Tr key={merge.mergedId}>
                    <Table.Td>{formatDateTime(merge.at)}</Table.Td>
                    <Table.Td>{merge.user?.fullName ?? t('person.system')}</Table.Td>
                    <Table.Td>{t('person.sources.unione')}</Table.Td>
                    <Table.Td>
                      {t('person.mergeRecord', { count: merge.caseIds.length })}: {merge.reason}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
