// "Registro degli accessi": the DPO's search of the ambito's audit log (who read protected data, exported a
// case, merged or corrected a person's record, when and why), filtered in the address bar so that back and
// reload keep the search, newest first, and downloadable as CSV with the same filters.
import {
  Alert,
  Badge,
  Button,
  Group,
  Pagination,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import dayjs from 'dayjs';
import { useAddressFilters } from '../api/address-filters';
import { apiDownload } from '../api/http';
import { useUsers } from '../api/queries';
import { DateField } from '../forms/fields';
import { formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';
import { auditCsvPath, useAuditLog, type AuditFilter, type AuditItem } from './audit-queries';

const PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function AuditPage() {
  const { t } = useLabels();
  const { params, update } = useAddressFilters();
  const userId = params.get('utente') ?? '';
  const caseId = params.get('caso') ?? '';
  const from = params.get('dal') ?? '';
  const until = params.get('al') ?? '';
  const page = Number(params.get('pagina') ?? '1');

  const caseIdValid = !caseId || UUID.test(caseId);
  const filter: AuditFilter = {
    userId: userId || undefined,
    caseId: caseId && caseIdValid ? caseId : undefined,
    // Days as the DPO reads them, in her time zone: from the first day's midnight to the last day's end.
    from: from ? dayjs(from).startOf('day').toISOString() : undefined,
    to: until ? dayjs(until).add(1, 'day').startOf('day').toISOString() : undefined,
  };
  const users = useUsers();
  const log = useAuditLog(filter, page, PAGE_SIZE);
  const pages = Math.max(1, Math.ceil((log.data?.total ?? 0) / PAGE_SIZE));
  // Six columns do not fit a phone: there each entry is a card, what was read and why on screen.
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('audit.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('audit.subtitle')}
        </Text>
      </div>
      <Paper withBorder p="md" radius="md" component="form" role="search" aria-label={t('audit.filters')}>
        <Group align="flex-start" grow wrap="wrap">
          <Select
            label={t('audit.user')}
            searchable
            clearable
            data={(users.data ?? []).map((user) => ({
              value: user.id,
              label: `${user.fullName} · ${user.organisation.name}`,
            }))}
            value={userId || null}
            onChange={(value) => update({ utente: value })}
            miw={{ base: '100%', sm: 220 }}
          />
          <TextInput
            label={t('audit.case')}
            description={t('audit.caseHint')}
            value={caseId}
            onChange={(event) => update({ caso: event.currentTarget.value.trim() })}
            error={caseIdValid ? undefined : t('audit.caseInvalid')}
            miw={{ base: '100%', sm: 220 }}
          />
          <DateField
            label={t('audit.from')}
            value={from || null}
            onChange={(value) => update({ dal: value })}
            maxDate={until || undefined}
            miw={{ base: '100%', sm: 160 }}
          />
          <DateField
            label={t('audit.until')}
            value={until || null}
            onChange={(value) => update({ al: value })}
            minDate={from || undefined}
            miw={{ base: '100%', sm: 160 }}
          />
        </Group>
      </Paper>
      <Group justify="space-between">
        <Text size="sm" aria-live="polite">
          {log.data ? t('audit.count', { count: log.data.total }) : t('common.loading')}
        </Text>
        <Button
          variant="default"
          disabled={!log.data?.total}
          onClick={() => void apiDownload(auditCsvPath(filter), 'registro-accessi.csv')}
        >
          {t('audit.csv')}
        </Button>
      </Group>
      {log.isError ? (
        <Alert color="red" role="alert">
          {t('common.error')}
        </Alert>
      ) : !log.data ? (
        <Skeleton h={240} />
      ) : log.data.total === 0 ? (
        <Paper withBorder p="lg" radius="md">
          <Text c="dimmed">{t('audit.empty')}</Text>
        </Paper>
      ) : !wide ? (
        <Stack
          gap="sm"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none', opacity: log.isPlaceholderData ? 0.6 : 1 }}
          data-testid="audit-table"
          aria-busy={log.isPlaceholderData}
        >
          {log.data.items.map((item) => (
            <AuditCard key={item.id} item={item} onlyThisCase={(id) => update({ caso: id })} />
          ))}
        </Stack>
      ) : (
        // Busy while a new search loads: the rows shown until then are the previous search's.
        <Paper
          withBorder
          radius="md"
          data-testid="audit-table"
          aria-busy={log.isPlaceholderData}
          style={{ opacity: log.isPlaceholderData ? 0.6 : 1 }}
        >
          <Table.ScrollContainer minWidth={760} type="native" tabIndex={0}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.at')}</Table.Th>
                  <Table.Th>{t('audit.user')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.case')}</Table.Th>
                  <Table.Th>{t('audit.fields')}</Table.Th>
                  <Table.Th>{t('audit.purpose')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.items.map((item) => (
                  <Table.Tr key={item.id} data-testid="audit-row">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(item.at)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {item.user.fullName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {item.organisation.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={item.action === 'lettura' ? 'blue' : 'grape'}
                        // The whole word: a column squeezed on a narrow screen must not cut it to "ESPORTAZI…".
                        styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
                      >
                        {t(`audit.actions.${item.action}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {item.caseId ? (
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          onClick={() => update({ caso: item.caseId })}
                          aria-label={t('audit.onlyThisCase', { id: item.caseId })}
                          ff="monospace"
                        >
                          {item.caseId.slice(0, 8)}
                        </Button>
                      ) : (
                        t('common.none')
                      )}
                    </Table.Td>
                    <Table.Td>
                      {item.read.length === 0 ? (
                        t('common.none')
                      ) : (
                        <Text size="sm" component="ul" m={0} pl="md">
                          {item.read.map((name, index) => (
                            <li key={index}>{name}</li>
                          ))}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{item.purpose || t('common.none')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
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

/** On a phone: one entry as a card, each of the table's columns a line. */
function AuditCard({ item, onlyThisCase }: { item: AuditItem; onlyThisCase(caseId: string): void }) {
  const { t } = useLabels();
  return (
    <Paper component="li" withBorder radius="md" p="md" data-testid="audit-row">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Text size="sm" fw={600}>
              {item.user.fullName}
            </Text>
            <Text size="xs" c="dimmed">
              {item.organisation.name}
            </Text>
          </div>
          <Badge
            variant="light"
            color={item.action === 'lettura' ? 'blue' : 'grape'}
            styles={{ root: { overflow: 'visible', flexShrink: 0 }, label: { overflow: 'visible' } }}
          >
            {t(`audit.actions.${item.action}`)}
          </Badge>
        </Group>
        <Text size="sm">{formatDateTime(item.at)}</Text>
        <div>
          <Text size="xs" fw={700} c="dimmed">
            {t('audit.fields')}
          </Text>
          {item.read.length === 0 ? (
            <Text size="sm">{t('common.none')}</Text>
          ) : (
            <Text size="sm" component="ul" m={0} pl="md">
              {item.read.map((name, index) => (
                <li key={index}>{name}</li>
              ))}
            </Text>
          )}
        </div>
        <div>
          <Text size="xs" fw={700} c="dimmed">
            {t('audit.purpose')}
          </Text>
          <Text size="sm">{item.purpose || t('common.none')}</Text>
        </div>
        {item.caseId && (
          <Group gap="xs">
            <Text size="xs" fw={700} c="dimmed">
              {t('audit.case')}
            </Text>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => onlyThisCase(item.caseId!)}
              aria-label={t('audit.onlyThisCase', { id: item.caseId })}
              ff="monospace"
            >
              {item.caseId.slice(0, 8)}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
