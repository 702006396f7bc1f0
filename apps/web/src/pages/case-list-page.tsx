// "I miei casi": filters in the address bar (so back and reload keep them); the server sorts, filters and
// pages, and this page asks for one page at a time ("Mostra altri casi" fetches the next one).
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useSearchParams } from 'react-router';
import { PHASES } from '../../../../workflows/case/index.js';
import { useCaseList, useWorkflow, type CaseFilter } from '../api/queries';
import { displayName } from '../api/types';
import { formatDate, formatDateTime, fromNow } from '../format';
import { useLabels } from '../i18n/labels';
import { PhaseBadge } from '../case/phase-badge';

type SortColumn = CaseFilter['sort'];

/** Each order's first direction; the deadline order is soonest first only. */
const FIRST_DIRECTION: Record<SortColumn, 'asc' | 'desc'> = {
  updatedAt: 'desc',
  person: 'asc',
  deadline: 'asc',
};
const REVERSIBLE: SortColumn[] = ['updatedAt', 'person'];
/** The server searches words of at least this many letters in all (a shorter one would scan every person). */
const MIN_SEARCH = 3;

export function CaseListPage() {
  const { t, state: stateLabel, vocab } = useLabels();
  const [params, setParams] = useSearchParams();
  const phase = params.get('fase') ?? '';
  const state = params.get('stato') ?? '';
  const overdueOnly = params.get('scadute') === '1';
  const mineOnly = params.get('miei') === '1';
  const sort = (params.get('ordina') ?? 'updatedAt') as SortColumn;
  const direction = (params.get('verso') as 'asc' | 'desc' | null) ?? FIRST_DIRECTION[sort];
  const [text, setText] = [params.get('testo') ?? '', (value: string) => update({ testo: value })];
  const [debouncedText] = useDebouncedValue(text.trim(), 300);
  const searched = debouncedText.length >= MIN_SEARCH ? debouncedText : undefined;

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  }

  const workflow = useWorkflow();
  const list = useCaseList({
    phase: phase || undefined,
    state: state || undefined,
    text: searched,
    overdue: overdueOnly || undefined,
    mine: mineOnly || undefined,
    sort,
    direction,
  });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const first = list.data?.pages[0];

  const stateOptions = (workflow.data?.states ?? [])
    .filter((candidate) => candidate.kind !== 'compound' && (!phase || candidate.id.startsWith(phase)))
    .map((candidate) => ({ value: candidate.id, label: stateLabel(candidate.id) }));

  const header = (column: SortColumn, label: string) => {
    const active = sort === column;
    const reverse = active && REVERSIBLE.includes(column);
    return (
      <Table.Th aria-sort={active ? (direction === 'desc' ? 'descending' : 'ascending') : undefined}>
        <UnstyledButton
          fw={600}
          fz="sm"
          aria-label={t('list.sortBy', { column: label })}
          onClick={() =>
            update({
              ordina: column === 'updatedAt' ? null : column,
              verso:
                reverse && direction === FIRST_DIRECTION[column]
                  ? direction === 'asc'
                    ? 'desc'
                    : 'asc'
                  : null,
            })
          }
        >
          {label} {active ? (direction === 'desc' ? '▼' : '▲') : ''}
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('list.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {first
              ? first.totalCapped
                ? t('list.subtitleCapped', { count: first.total })
                : t('list.subtitle', { count: first.total })
              : t('common.loading')}
          </Text>
        </div>
      </Group>

      <Paper withBorder p="md" radius="md">
        <Group align="flex-end" gap="md">
          <TextInput
            label={t('list.search')}
            description={t('list.searchHint', { count: MIN_SEARCH })}
            placeholder="Rossi, RSSMRA…"
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            w={260}
          />
          <Select
            label={t('list.phase')}
            placeholder={t('list.allPhases')}
            clearable
            data={PHASES.map((value) => ({ value, label: stateLabel(value) }))}
            value={phase || null}
            onChange={(value) => update({ fase: value, stato: null })}
            w={240}
          />
          <Select
            label={t('list.state')}
            placeholder={t('list.allStates')}
            clearable
            searchable
            data={stateOptions}
            value={state || null}
            onChange={(value) => update({ stato: value })}
            w={300}
          />
          <Switch
            label={t('list.overdueOnly')}
            checked={overdueOnly}
            onChange={(event) => update({ scadute: event.currentTarget.checked ? '1' : null })}
            mb={8}
          />
          <Switch
            label={t('list.mineOnly')}
            checked={mineOnly}
            onChange={(event) => update({ miei: event.currentTarget.checked ? '1' : null })}
            mb={8}
          />
        </Group>
      </Paper>

      <Paper withBorder radius="md" style={{ overflowX: 'auto' }} tabIndex={0}>
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" miw={760}>
          <Table.Thead>
            <Table.Tr>
              {header('person', t('list.person'))}
              <Table.Th>{t('list.state')}</Table.Th>
              {header('deadline', t('list.nextDeadline'))}
              {header('updatedAt', t('list.updatedAt'))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.isPending &&
              Array.from({ length: 5 }, (_, index) => (
                <Table.Tr key={index}>
                  <Table.Td colSpan={4}>
                    <Skeleton h={28} />
                  </Table.Td>
                </Table.Tr>
              ))}
            {list.isError && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Alert color="red" role="alert">
                    {t('list.failed')}
                  </Alert>
                </Table.Td>
              </Table.Tr>
            )}
            {list.data && rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed" ta="center" py="lg">
                    {t('list.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {rows.map((row) => {
              const next = row.nextDeadline;
              const name = displayName(row.person);
              return (
                <Table.Tr key={row.id} data-testid="case-row">
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/casi/${row.id}`}
                      fw={600}
                      aria-label={t('list.open', { name })}
                    >
                      {name}
                    </Anchor>
                    <Text size="xs" c="dimmed" ff={'codiceFiscale' in row.person ? 'monospace' : undefined}>
                      {'codiceFiscale' in row.person ? row.person.codiceFiscale : t('list.statusOnly')}
                    </Text>
                    {row.unreadable && (
                      <Badge color="orange" variant="light" size="sm" mt={4}>
                        {t('list.unreadable')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <PhaseBadge phase={row.phase} />
                      <Text size="sm">{stateLabel(row.state)}</Text>
                      {row.outcome && (
                        <Text size="xs" c="dimmed" data-testid="case-outcome">
                          {t('list.outcome', { outcome: vocab('outcome', row.outcome) })}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {next ? (
                      <Stack gap={2} align="flex-start">
                        <Group gap={6}>
                          <Text size="sm">{formatDate(next.dueAt)}</Text>
                          {next.overdue && (
                            <Badge color="red" variant="filled" size="sm">
                              {t('list.overdue')}
                            </Badge>
                          )}
                        </Group>
                        <Text size="xs" c="dimmed">
                          {next.label} · {fromNow(next.dueAt)}
                        </Text>
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('common.none')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(row.updatedAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      {list.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t('list.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
