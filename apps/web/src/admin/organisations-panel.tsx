// The ambito's organisations, each with its type, and a form to add one.
import { useState } from 'react';
import { Alert, Button, Group, Paper, Select, Skeleton, Stack, Table, TextInput, Title } from '@mantine/core';
import { ORGANISATION_TYPES } from '../../../../workflows/case/index.js';
import { useLabels } from '../i18n/labels';
import { useAdminOrganisations, useCreateOrganisation } from './admin-queries';
import { problemsOf } from './problem-of';

export function OrganisationsPanel() {
  const labels = useLabels();
  const { t, vocab, options } = labels;
  const organisations = useAdminOrganisations();
  const create = useCreateOrganisation();
  const [name, setName] = useState('');
  const [type, setType] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});

  async function add(event: React.FormEvent) {
    event.preventDefault();
    setProblems({});
    try {
      await create.mutateAsync({ name, type: type ?? '' });
      setName('');
      setType(null);
    } catch (error) {
      setProblems(problemsOf(error, labels));
    }
  }

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md" component="form" onSubmit={add} aria-labelledby="new-organisation">
        <Title order={2} size="h4" id="new-organisation" mb="sm">
          {t('admin.newOrganisation')}
        </Title>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('admin.organisationName')}
            withAsterisk
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={problems.name}
            miw={280}
          />
          <Select
            label={t('admin.organisationType')}
            withAsterisk
            data={options('organisationType', ORGANISATION_TYPES)}
            value={type}
            onChange={setType}
            error={problems.type}
            miw={220}
          />
          <Button type="submit" mt={25} loading={create.isPending}>
            {t('common.add')}
          </Button>
        </Group>
        {problems[''] && (
          <Alert color="red" mt="sm">
            {problems['']}
          </Alert>
        )}
      </Paper>
      <Paper withBorder radius="md">
        {organisations.data ? (
          <Table striped verticalSpacing="xs" data-testid="admin-organisations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.organisationName')}</Table.Th>
                <Table.Th>{t('admin.organisationType')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {organisations.data.map((organisation) => (
                <Table.Tr key={organisation.id}>
                  <Table.Td>{organisation.name}</Table.Td>
                  <Table.Td>{vocab('organisationType', organisation.type)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Skeleton height={240} />
        )}
      </Paper>
    </Stack>
  );
}
