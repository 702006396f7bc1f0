// The ambito's users: role, organisation and whether they may log in; a form to add one. A deactivated
// user cannot log in and any session they have stops at its next request.
import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ROLES, type Role } from '../../../../workflows/case/index.js';
import { useSession } from '../auth/auth';
import { useLabels } from '../i18n/labels';
import {
  useAdminOrganisations,
  useAdminUsers,
  useChangeUser,
  useEndSessions,
  useResetSecondFactor,
  useCreateUser,
  type AdministeredUser,
  type NewUser,
} from './admin-queries';
import { problemsOf } from './problem-of';

const EMPTY: NewUser = { email: '', fullName: '', role: 'operatore', organisationId: '', password: '' };

function NewUserForm({ organisations }: { organisations: { value: string; label: string }[] }) {
  const labels = useLabels();
  const { t } = labels;
  const create = useCreateUser();
  const [user, setUser] = useState<NewUser>(EMPTY);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const set = <K extends keyof NewUser>(key: K, value: NewUser[K]) =>
    setUser((current) => ({ ...current, [key]: value }));

  async function add(event: React.FormEvent) {
    event.preventDefault();
    setProblems({});
    try {
      await create.mutateAsync(user);
      setUser(EMPTY);
      notifications.show({ color: 'teal', message: t('admin.userAdded', { name: user.fullName }) });
    } catch (error) {
      setProblems(problemsOf(error, labels));
    }
  }

  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={add} aria-labelledby="new-user">
      <Title order={2} size="h4" id="new-user" mb="sm">
        {t('admin.newUser')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <TextInput
          label={t('admin.fullName')}
          withAsterisk
          value={user.fullName}
          onChange={(event) => set('fullName', event.currentTarget.value)}
          error={problems.fullName}
        />
        <TextInput
          label={t('admin.email')}
          type="email"
          withAsterisk
          value={user.email}
          onChange={(event) => set('email', event.currentTarget.value)}
          error={problems.email}
        />
        <PasswordInput
          label={t('admin.password')}
          description={t('admin.passwordHint')}
          withAsterisk
          value={user.password}
          onChange={(event) => set('password', event.currentTarget.value)}
          error={problems.password}
        />
        <Select
          label={t('admin.role')}
          withAsterisk
          data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          value={user.role}
          onChange={(value) => set('role', (value ?? 'operatore') as Role)}
          error={problems.role}
        />
        <Select
          label={t('admin.organisation')}
          withAsterisk
          searchable
          data={organisations}
          value={user.organisationId || null}
          onChange={(value) => set('organisationId', value ?? '')}
          error={problems.organisationId}
        />
      </SimpleGrid>
      {problems[''] && (
        <Alert color="red" mt="sm">
          {problems['']}
        </Alert>
      )}
      <Button type="submit" mt="md" loading={create.isPending}>
        {t('common.add')}
      </Button>
    </Paper>
  );
}

function UserRow({
  user,
  organisations,
}: {
  user: AdministeredUser;
  organisations: { value: string; label: string }[];
}) {
  const labels = useLabels();
  const { t } = labels;
  const session = useSession();
  const change = useChangeUser();
  const endSessions = useEndSessions();
  const resetSecondFactor = useResetSecondFactor();
  const [problem, setProblem] = useState<string | null>(null);
  const [ended, setEnded] = useState<number | null>(null);
  const self = session.user?.id === user.id;

  async function act(action: () => Promise<unknown>) {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(Object.values(problemsOf(error, labels))[0]);
    }
  }

  const save = (next: Parameters<typeof change.mutateAsync>[0]) => act(() => change.mutateAsync(next));

  return (
    <Table.Tr data-testid={`admin-user-${user.email}`} data-active={user.active}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {user.fullName}
        </Text>
        <Text size="xs" c="dimmed">
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('admin.roleOf', { name: user.fullName })}
          data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          value={user.role}
          disabled={self || change.isPending}
          onChange={(role) => role && role !== user.role && save({ id: user.id, role: role as Role })}
          w={190}
        />
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('admin.organisationOf', { name: user.fullName })}
          data={organisations}
          value={user.organisationId}
          searchable
          disabled={change.isPending}
          onChange={(id) => id && id !== user.organisationId && save({ id: user.id, organisationId: id })}
          miw={240}
        />
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <Badge color={user.active ? 'teal' : 'gray'} variant="light">
            {user.active ? t('admin.active') : t('admin.inactive')}
          </Badge>
          {user.lockedUntil && new Date(user.lockedUntil) > new Date() && (
            <Badge color="orange" variant="light">
              {t('admin.locked')}
            </Badge>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Group gap="xs">
          <Button
            size="xs"
            variant={user.active ? 'light' : 'filled'}
            color={user.active ? 'red' : 'teal'}
            loading={change.isPending}
            // Nobody deactivates themselves: the ambito would lose its amministratore.
            disabled={self}
            title={self ? t('admin.notYourself') : undefined}
            onClick={() => save({ id: user.id, active: !user.active })}
          >
            {user.active ? t('admin.deactivate') : t('admin.reactivate')}
          </Button>
          {user.active && !self && (
            <Button
              size="xs"
              variant="default"
              loading={endSessions.isPending}
              onClick={() => act(async () => setEnded((await endSessions.mutateAsync(user.id)).ended))}
            >
              {t('admin.endSessions')}
            </Button>
          )}
          {user.secondFactor && !self && (
            <Button
              size="xs"
              variant="default"
              loading={resetSecondFactor.isPending}
              onClick={() => act(() => resetSecondFactor.mutateAsync(user.id))}
            >
              {t('admin.resetSecondFactor')}
            </Button>
          )}
        </Group>
        {ended !== null && (
          <Text size="xs" mt={4} role="status">
            {t('admin.sessionsEnded', { count: ended })}
          </Text>
        )}
        {self && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('admin.notYourself')}
          </Text>
        )}
        {problem && (
          <Text size="xs" c="red" role="alert" mt={4}>
            {problem}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function UsersPanel() {
  const { t } = useLabels();
  const users = useAdminUsers();
  const organisations = useAdminOrganisations();
  const choices = (organisations.data ?? []).map((organisation) => ({
    value: organisation.id,
    label: organisation.name,
  }));
  return (
    <Stack gap="md">
      <NewUserForm organisations={choices} />
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }} tabIndex={0}>
        {users.data ? (
          <Table striped verticalSpacing="xs" data-testid="admin-users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.user')}</Table.Th>
                <Table.Th>{t('admin.role')}</Table.Th>
                <Table.Th>{t('admin.organisation')}</Table.Th>
                <Table.Th>{t('admin.status')}</Table.Th>
                <Table.Th>{t('admin.access')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <UserRow key={user.id} user={user} organisations={choices} />
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Skeleton height={320} />
        )}
      </Paper>
    </Stack>
  );
}
