// "Risorse": the ambito's resource map, to build plans on. Everyone who works on plans reads it; the
// coordinatore and the amministratore keep it; the coordinatore sees which cases use each resource.
import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { RESOURCE_KINDS } from '../../../../workflows/case/index.js';
import { ApiError } from '../api/http';
import { useSession } from '../auth/auth';
import { formatDate } from '../format';
import { useLabels } from '../i18n/labels';
import { ResourceForm } from './resource-form';
import { useRemoveResource, useResources, useResourceUses, type Resource } from './resource-queries';

function UsesList({ resourceId }: { resourceId: string }) {
  const { t, state } = useLabels();
  const uses = useResourceUses(resourceId);
  if (!uses.data) return <Skeleton height={80} />;
  if (uses.data.cases.length === 0) return <Text c="dimmed">{t('resources.unused')}</Text>;
  return (
    <Stack gap="xs" data-testid="resource-uses">
      {uses.data.cases.map((use) => (
        <Paper key={use.caseId} withBorder p="xs">
          <Anchor component={Link} to={`/casi/${use.caseId}`}>
            {t('resources.caseIn', { state: state(use.state) })}
          </Anchor>
          {use.actions.map((action) => (
            <Text key={action.actionId} size="sm" c="dimmed">
              {action.description}
            </Text>
          ))}
        </Paper>
      ))}
    </Stack>
  );
}

export function ResourceMapPage() {
  const { t, vocab, options } = useLabels();
  const { user } = useSession();
  const resources = useResources();
  const remove = useRemoveResource();
  const [kind, setKind] = useState<string | null>(null);
  const [editing, setEditing] = useState<Resource | 'new' | null>(null);
  const [usesOf, setUsesOf] = useState<Resource | null>(null);
  const keeper = user?.role === 'coordinatore' || user?.role === 'amministratore';
  const items = (resources.data?.items ?? []).filter((resource) => !kind || resource.kind === kind);

  async function removeResource(resource: Resource) {
    try {
      await remove.mutateAsync(resource.id);
      notifications.show({ color: 'teal', message: t('resources.removed', { name: resource.name }) });
    } catch (error) {
      notifications.show({
        color: 'red',
        message: error instanceof ApiError ? error.message : t('common.error'),
      });
    }
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('resources.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('resources.subtitle', { ambito: resources.data?.ambito ?? '…' })}
          </Text>
        </div>
        <Group align="flex-end">
          <Select
            label={t('resources.kind')}
            placeholder={t('resources.allKinds')}
            clearable
            data={options('resourceKind', RESOURCE_KINDS)}
            value={kind}
            onChange={setKind}
            w={220}
          />
          {keeper && <Button onClick={() => setEditing('new')}>{t('resources.add')}</Button>}
        </Group>
      </Group>
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }} tabIndex={0}>
        {resources.data ? (
          <Table striped verticalSpacing="xs" data-testid="resource-map">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('resources.name')}</Table.Th>
                <Table.Th>{t('resources.kind')}</Table.Th>
                <Table.Th>{t('resources.owner')}</Table.Th>
                <Table.Th>{t('resources.places')}</Table.Th>
                <Table.Th>{t('resources.validity')}</Table.Th>
                <Table.Th>{t('resources.contact')}</Table.Th>
                <Table.Th>{t('resources.use')}</Table.Th>
                {keeper && <Table.Th>{t('resources.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((resource) => (
                <Table.Tr key={resource.id} data-testid="resource-row">
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {resource.name}
                    </Text>
                    {resource.description && (
                      <Text size="xs" c="dimmed">
                        {resource.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{vocab('resourceKind', resource.kind)}</Badge>
                  </Table.Td>
                  <Table.Td>{resource.owner.name}</Table.Td>
                  <Table.Td>{resource.places ?? t('resources.unlimited')}</Table.Td>
                  <Table.Td>
                    {formatDate(resource.validFrom)} –{' '}
                    {resource.validTo ? formatDate(resource.validTo) : t('resources.open')}
                  </Table.Td>
                  <Table.Td>{resource.contact}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t('resources.usedBy', { count: resource.use.cases, open: resource.use.open })}
                    </Text>
                    {user?.role === 'coordinatore' && resource.use.cases > 0 && (
                      <Anchor component="button" size="sm" onClick={() => setUsesOf(resource)}>
                        {t('resources.whereUsed')}
                      </Anchor>
                    )}
                  </Table.Td>
                  {keeper && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="xs" variant="light" onClick={() => setEditing(resource)}>
                          {t('resources.edit')}
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          // A resource a plan links stays: it is ended (its validity) instead.
                          disabled={resource.use.cases > 0 || remove.isPending}
                          title={resource.use.cases > 0 ? t('resources.inUse') : undefined}
                          onClick={() => removeResource(resource)}
                        >
                          {t('common.remove')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Skeleton height={320} />
        )}
        {resources.data && items.length === 0 && (
          <Text c="dimmed" p="md">
            {t('resources.none')}
          </Text>
        )}
      </Paper>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('resources.add') : t('resources.edit')}
        size="lg"
      >
        {editing !== null && (
          <ResourceForm resource={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
      <Modal opened={usesOf !== null} onClose={() => setUsesOf(null)} title={usesOf?.name}>
        {usesOf && <UsesList resourceId={usesOf.id} />}
      </Modal>
    </Stack>
  );
}
