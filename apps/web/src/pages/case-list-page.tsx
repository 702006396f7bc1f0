// "I miei casi": filters in the address bar (so back and reload keep them), sortable columns, pages.
import { useMemo } from 'react';
import {
  Anchor,
  Badge,
  Group,
  Pagination,
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
import { useCaseOverview, useWorkflow } from '../api/queries';
import { displayName, type CaseListItem } from '../api/types';
import { isOverdue, nextDeadline } from '../deadlines';
import { formatDate, formatDateTime, fromNow } from '../format';
import { useLabels } from '../i18n/labels';
import { PhaseBadge } from '../case/phase-badge';

const PAGE_SIZE = 10;
type SortColumn = 'person' | 'state' | 'updatedAt' | 'deadline';

type Row = CaseListItem;

function compare(column: SortColumn, a: Row, b: Row): number {
  switch (column) {
    case 'person':
      return displayName(a.person).localeCompare(displayName(b.person), 'it');
    case 'state':
      return PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.state.localeCompare(b.state);
    case 'updatedAt':
      return a.updatedAt.localeCompare(b.updatedAt);
    case 'deadline': {
      // Cases without a deadline go last whichever the direction.
      const left = nextDeadline(a.deadlines)?.dueAt ?? '9999';
      const right = nextDeadline(b.deadlines)?.dueAt ?? '9999';
      return left.localeCompare(right);
    }
  }
}

export function CaseListPage() {
  const { t, state: stateLabel } = useLabels();
  const [params, setParams] = useSearchParams();
  const phase = params.get('fase') ?? '';
  const state = params.get('stato') ?? '';
  const overdueOnly = params.get('scadute') === '1';
  const sort = (params.get('ordina') ?? 'updatedAt') as SortColumn;
  const descending = params.get('verso') !== 'asc';
  const page = Number(params.get('pagina') ?? '1');
  const [text, setText] = [params.get('testo') ?? '', (value: string) => update({ testo: value })];
  const [debouncedText] = useDebouncedValue(text.trim(), 300);

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    if (!('pagina' in changes)) next.delete('pagina');
    setParams(next, { replace: true });
  }

  const workflow = useWorkflow();
  const list = useCaseOverview({
    phase: phase || undefined,
    state: state || undefined,
    text: debouncedText || undefined,
  });

  const rows = useMemo(() => {
    const all: Row[] = [...(list.data ?? [])];
    const filtered = overdueOnly ? all.filter((row) => isOverdue(row.deadlines)) : all;
    const direction = descending ? -1 : 1;
    return filtered.sort((a, b) => direction * compare(sort, a, b));
  }, [list.data, overdueOnly, sort, descending]);

  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const visible = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  const stateOptions = (workflow.data?.states ?? [])
    .filter((candidate) => candidate.kind !== 'compound' && (!phase || candidate.id.startsWith(phase)))
    .map((candidate) => ({ value: candidate.id, label: stateLabel(candidate.id) }));

  const header = (column: SortColumn, label: string) => (
    <Table.Th aria-sort={sort === column ? (descending ? 'descending' : 'ascending') : undefined}>
      <UnstyledButton
        fw={600}
        fz="sm"
        aria-label={t('list.sortBy', { column: label })}
        onClick={() => update({ ordina: column, verso: sort === column && descending ? 'asc' : null })}
      >
        {label} {sort === column ? (descending ? '▼' : '▲') : ''}
      </UnstyledButton>
    </Table.Th>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('list.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {list.data ? t('list.subtitle', { count: rows.length }) : t('common.loading')}
          </Text>
        </div>
      </Group>

      <Paper withBorder p="md" radius="md">
        <Group align="flex-end" gap="md">
          <TextInput
            label={t('list.search')}
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
        </Group>
      </Paper>

      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" miw={760}>
          <Table.Thead>
            <Table.Tr>
              {header('person', t('list.person'))}
              {header('state', t('list.state'))}
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
            {list.data && visible.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed" ta="center" py="lg">
                    {t('list.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {visible.map((row) => {
              const next = nextDeadline(row.deadlines);
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
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <PhaseBadge phase={row.phase} />
                      <Text size="sm">{stateLabel(row.state)}</Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {next ? (
                      <Stack gap={2} align="flex-start">
                        <Group gap={6}>
                          <Text size="sm">{formatDate(next.dueAt)}</Text>
                          {isOverdue(row.deadlines) && (
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
