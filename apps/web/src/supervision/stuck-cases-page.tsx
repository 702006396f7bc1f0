// "Casi bloccati": the coordinator's late cases, most overdue first, filtered in the address bar (so back
// and reload keep them); a row opens the case.
import {
  Anchor,
  Badge,
  Group,
  Pagination,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import { useAddressFilters } from '../api/address-filters';
import { PHASES } from '../../../../workflows/case/index.js';
import { useOrganisations, useStuckCases, useUsers } from '../api/queries';
import { displayName, type StuckCase } from '../api/types';
import { PhaseBadge } from '../case/phase-badge';
import { formatDate, formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';

const PAGE_SIZE = 20;
const OPEN_PHASES = PHASES.filter((phase) => phase !== 'esito');

export function StuckCasesPage() {
  const { t, state: stateLabel, event: eventLabel } = useLabels();
  const navigate = useNavigate();
  const { params, update } = useAddressFilters();
  const phase = params.get('fase') ?? '';
  const organisationId = params.get('inviante') ?? '';
  const responsabileUserId = params.get('responsabile') ?? '';
  const page = Number(params.get('pagina') ?? '1');

  const organisations = useOrganisations();
  const users = useUsers();
  const stuck = useStuckCases({
    phase: phase || undefined,
    organisationId: organisationId || undefined,
    responsabileUserId: responsabileUserId || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil((stuck.data?.total ?? 0) / PAGE_SIZE));
  // Eight columns do not fit a phone: there each case is a card, every field on screen.
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('supervision.stuckTitle')}
        </Title>
        <Text c="dimmed" size="sm">
          {stuck.data ? t('supervision.stuckSubtitle', { count: stuck.data.total }) : t('common.loading')}
        </Text>
      </div>

      <Paper withBorder p="md" radius="md">
        <Group align="flex-end" gap="md">
          <Select
            label={t('list.phase')}
            placeholder={t('list.allPhases')}
            clearable
            data={OPEN_PHASES.map((value) => ({ value, label: stateLabel(value) }))}
            value={phase || null}
            onChange={(value) => update({ fase: value })}
            w={{ base: '100%', sm: 220 }}
          />
          <Select
            label={t('supervision.referrer')}
            placeholder={t('supervision.allReferrers')}
            clearable
            searchable
            data={(organisations.data ?? []).map((organisation) => ({
              value: organisation.id,
              label: organisation.name,
            }))}
            value={organisationId || null}
            onChange={(value) => update({ inviante: value })}
            w={{ base: '100%', sm: 300 }}
          />
          <Select
            label={t('supervision.responsabile')}
            placeholder={t('supervision.allResponsabili')}
            clearable
            searchable
            data={(users.data ?? [])
              .filter((user) => user.role === 'operatore' || user.role === 'coordinatore')
              .map((user) => ({ value: user.id, label: user.fullName }))}
            value={responsabileUserId || null}
            onChange={(value) => update({ responsabile: value })}
            w={{ base: '100%', sm: 260 }}
          />
        </Group>
      </Paper>

      {!wide ? (
        <StuckCards items={stuck.data?.items} loading={stuck.isPending} />
      ) : (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }} tabIndex={0}>
          <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" miw={960}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('supervision.person')}</Table.Th>
                <Table.Th>{t('supervision.state')}</Table.Th>
                <Table.Th aria-sort="descending">{t('supervision.daysOverdue')}</Table.Th>
                <Table.Th>{t('supervision.daysInState')}</Table.Th>
                <Table.Th>{t('supervision.reasons')}</Table.Th>
                <Table.Th>{t('supervision.responsabile')}</Table.Th>
                <Table.Th>{t('supervision.lastEvent')}</Table.Th>
                <Table.Th>{t('supervision.escalations')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stuck.isPending &&
                Array.from({ length: 5 }, (_, index) => (
                  <Table.Tr key={index}>
                    <Table.Td colSpan={8}>
                      <Skeleton h={28} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              {stuck.data && stuck.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={8}>
                    <Text c="dimmed" ta="center" py="lg">
                      {t('supervision.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {stuck.data?.items.map((row) => (
                <Table.Tr
                  key={row.id}
                  data-testid="stuck-row"
                  style={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/casi/${row.id}`)}
                >
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/casi/${row.id}`}
                      fw={600}
                      aria-label={t('supervision.openCase', { name: displayName(row.person) })}
                      onClick={(event) => event.stopPropagation()}
                    >
                      {displayName(row.person)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <PhaseBadge phase={row.phase} />
                      <Text size="sm" data-testid="stuck-state">
                        {stateLabel(row.state)}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Badge color="red" variant={row.daysOverdue > 0 ? 'filled' : 'light'}>
                      {row.daysOverdue}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {t('supervision.since')}{' '}
                      <span data-testid="overdue-since">{formatDate(row.overdueSince)}</span>
                    </Text>
                  </Table.Td>
                  <Table.Td>{row.daysInState}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {row.reasons.map((reason) => (
                        <Text size="sm" key={reason.kind === 'deadline' ? reason.key : 'soglia'}>
                          {reason.label}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{row.responsabile?.name ?? t('common.none')}</Table.Td>
                  <Table.Td>
                    {row.lastEvent ? (
                      <Stack gap={2}>
                        <Text size="sm">{eventLabel(row.lastEvent.type)}</Text>
                        <Text size="xs" c="dimmed">
                          {row.lastEvent.actorName} · {formatDateTime(row.lastEvent.at)}
                        </Text>
                      </Stack>
                    ) : (
                      t('common.none')
                    )}
                  </Table.Td>
                  <Table.Td>{row.escalations}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {pages > 1 && (
        <Group justify="center">
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={(value) => update({ pagina: String(value) })}
          />
        </Group>
      )}
    </Stack>
  );
}

/** On a phone: one card per late case, the fields of the table's columns one under the other. */
function StuckCards({ items, loading }: { items: StuckCase[] | undefined; loading: boolean }) {
  const { t, state: stateLabel, event: eventLabel } = useLabels();
  if (loading) return <Skeleton h={240} />;
  if (!items || items.length === 0) {
    return (
      <Paper withBorder p="lg" radius="md">
        <Text c="dimmed" ta="center">
          {t('supervision.empty')}
        </Text>
      </Paper>
    );
  }
  const field = (label: string, value: React.ReactNode) => (
    <div>
      <Text size="xs" fw={700} c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {value}
      </Text>
    </div>
  );
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((row) => (
        <Paper component="li" withBorder radius="md" p="md" key={row.id} data-testid="stuck-row">
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Anchor
                component={Link}
                to={`/casi/${row.id}`}
                fw={600}
                aria-label={t('supervision.openCase', { name: displayName(row.person) })}
              >
                {displayName(row.person)}
              </Anchor>
              <Badge color="red" variant={row.daysOverdue > 0 ? 'filled' : 'light'} style={{ flexShrink: 0 }}>
                {t('supervision.overdueDays', { count: row.daysOverdue })}
              </Badge>
            </Group>
            <Group gap="xs">
              <PhaseBadge phase={row.phase} />
              <Text size="sm" data-testid="stuck-state">
                {stateLabel(row.state)}
              </Text>
            </Group>
            <Stack gap={6} component="dl" m={0}>
              {field(
                t('supervision.reasons'),
                row.reasons.map((reason) => (
                  <span key={reason.kind === 'deadline' ? reason.key : 'soglia'} style={{ display: 'block' }}>
                    {reason.label}
                  </span>
                )),
              )}
              {field(
                t('supervision.daysOverdue'),
                <>
                  {row.daysOverdue} · {t('supervision.since')}{' '}
                  <span data-testid="overdue-since">{formatDate(row.overdueSince)}</span>
                </>,
              )}
              {field(t('supervision.daysInState'), row.daysInState)}
              {field(t('supervision.responsabile'), row.responsabile?.name ?? t('common.none'))}
              {field(
                t('supervision.lastEvent'),
                row.lastEvent
                  ? `${eventLabel(row.lastEvent.type)} · ${row.lastEvent.actorName} · ${formatDateTime(row.lastEvent.at)}`
                  : t('common.none'),
              )}
              {field(t('supervision.escalations'), row.escalations)}
            </Stack>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
