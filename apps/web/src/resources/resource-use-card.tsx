// The coordinator's dashboard card: how many cases' plans use each resource of the map, against its places.
import { Anchor, Paper, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useLabels } from '../i18n/labels';
import { useResources } from './resource-queries';

export function ResourceUseCard() {
  const { t, vocab } = useLabels();
  const resources = useResources();
  const rows = [...(resources.data?.items ?? [])].sort(
    (a, b) => b.use.open - a.use.open || a.name.localeCompare(b.name),
  );
  return (
    <Paper withBorder radius="md" p="md" data-testid="dashboard-resources">
      <Title order={2} size="h4" mb="sm">
        {t('resources.useTitle')}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('resources.none')}</Text>
      ) : (
        <Table.ScrollContainer
          minWidth={480}
          type="native"
          // On a phone the table scrolls sideways: the keyboard must be able to reach it to scroll it.
          tabIndex={0}
        >
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('resources.name')}</Table.Th>
                <Table.Th>{t('resources.kind')}</Table.Th>
                <Table.Th>{t('resources.places')}</Table.Th>
                <Table.Th>{t('resources.openCases')}</Table.Th>
                <Table.Th>{t('resources.allCases')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((resource) => (
                <Table.Tr key={resource.id}>
                  <Table.Td>{resource.name}</Table.Td>
                  <Table.Td>{vocab('resourceKind', resource.kind)}</Table.Td>
                  <Table.Td>{resource.places ?? t('resources.unlimited')}</Table.Td>
                  <Table.Td>{resource.use.open}</Table.Td>
                  <Table.Td>{resource.use.cases}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Anchor component={Link} to="/risorse" size="sm" mt="sm" display="inline-block">
        {t('resources.openMap')}
      </Anchor>
    </Paper>
  );
}
