// "Cruscotto": the coordinator's figures for their ambito, each as a chart with its table beside it and a
// CSV download of the same table. The month range and the outcome period live in the address bar.
import type { ReactNode } from 'react';
import { BarChart, LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import {
  Button,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useSearchParams } from 'react-router';
import { apiDownload } from '../api/http';
import { dashboardCsvPath, useDashboard, type DashboardFilter } from '../api/queries';
import type { Workload } from '../api/types';
import { MonthField } from '../forms/fields';
import { formatMonth } from '../format';
import { useLabels } from '../i18n/labels';
import { ResourceUseCard } from '../resources/resource-use-card';

const COLORS = ['teal.6', 'blue.6', 'orange.6', 'grape.6', 'red.6', 'cyan.6', 'lime.7', 'pink.6', 'indigo.6'];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Rows as one chart entry per category with a value per series. Series are keyed s0, s1… and named by their
 * label: recharts reads a key with a dot as a path, so "Ser.D Valdinievole" drew no bar and a legend of "D …".
 */
function pivot<T>(
  rows: T[],
  category: (row: T) => string,
  series: (row: T) => string,
  value: (row: T) => number,
) {
  const byCategory = new Map<string, Record<string, string | number>>();
  const keys = new Map<string, string>();
  for (const row of rows) {
    const name = series(row);
    if (!keys.has(name)) keys.set(name, `s${keys.size}`);
    const key = keys.get(name)!;
    const entry = byCategory.get(category(row)) ?? { category: category(row) };
    entry[key] = ((entry[key] as number | undefined) ?? 0) + value(row);
    byCategory.set(category(row), entry);
  }
  return {
    data: [...byCategory.values()],
    series: [...keys].map(([label, name], index) => ({ name, label, color: COLORS[index % COLORS.length] })),
  };
}

function Section(props: {
  title: string;
  table: string;
  filter: DashboardFilter;
  chart: ReactNode;
  children: ReactNode;
}) {
  const { t } = useLabels();
  return (
    <Paper withBorder radius="md" p="md" data-testid={`dashboard-${props.table}`}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {props.title}
        </Title>
        <Button
          variant="light"
          size="xs"
          onClick={() => void apiDownload(dashboardCsvPath(props.table, props.filter), `${props.table}.csv`)}
        >
          {t('supervision.csv')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <div>{props.chart}</div>
        <ScrollArea.Autosize mah={300}>{props.children}</ScrollArea.Autosize>
      </SimpleGrid>
    </Paper>
  );
}

function SimpleTable(props: { header: string[]; rows: (string | number | null)[][] }) {
  const { t } = useLabels();
  return (
    <Table striped verticalSpacing={4} fz="sm">
      <Table.Thead>
        <Table.Tr>
          {props.header.map((cell) => (
            <Table.Th key={cell}>{cell}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={props.header.length}>
              <Text c="dimmed" size="sm">
                {t('supervision.noData')}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {props.rows.map((row, index) => (
          <Table.Tr key={index}>
            {row.map((cell, column) => (
              <Table.Td key={column}>{cell ?? t('common.none')}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function DashboardPage() {
  const { t, state: stateLabel, vocab } = useLabels();
  const [params, setParams] = useSearchParams();
  const from = params.get('dal') ?? '';
  const to = params.get('al') ?? '';
  const period = (params.get('periodo') ?? 'month') as DashboardFilter['period'];
  const filter: DashboardFilter = {
    from: MONTH.test(from) ? from : undefined,
    to: MONTH.test(to) ? to : undefined,
    period,
  };
  const dashboard = useDashboard(filter);

  function update(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  const data = dashboard.data;
  const workloadSection = (title: string, table: string, rows: Workload[]) => (
    <Section
      title={title}
      table={table}
      filter={filter}
      chart={
        <BarChart
          h={Math.max(160, rows.length * 28)}
          orientation="vertical"
          yAxisProps={{ width: 140 }}
          data={rows.map((row) => ({ name: row.name ?? row.userId, open: row.open, overdue: row.overdue }))}
          dataKey="name"
          series={[
            { name: 'open', label: t('supervision.open'), color: 'teal.6' },
            { name: 'overdue', label: t('supervision.overdue'), color: 'red.6' },
          ]}
          withLegend
        />
      }
    >
      <SimpleTable
        header={[t('supervision.operator'), t('supervision.open'), t('supervision.overdue')]}
        rows={rows.map((row) => [row.name ?? row.userId, row.open, row.overdue])}
      />
    </Section>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('supervision.dashboardTitle')}
          </Title>
          <Text c="dimmed" size="sm">
            {data
              ? t('supervision.dashboardSubtitle', {
                  ambito: data.ambito,
                  from: formatMonth(data.range.from),
                  to: formatMonth(data.range.to),
                })
              : t('common.loading')}
          </Text>
        </div>
        <Group align="flex-end" gap="md">
          <MonthField
            label={t('supervision.from')}
            value={from || data?.range.from || ''}
            onChange={(month) => update('dal', month)}
          />
          <MonthField
            label={t('supervision.to')}
            value={to || data?.range.to || ''}
            onChange={(month) => update('al', month)}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('supervision.period')}
            </Text>
            <SegmentedControl
              value={period}
              onChange={(value) => update('periodo', value === 'month' ? '' : value)}
              data={(['month', 'quarter', 'year'] as const).map((value) => ({
                value,
                label: t(`supervision.periods.${value}`),
              }))}
            />
          </Stack>
        </Group>
      </Group>

      {!data && <Skeleton h={400} />}
      {data && (
        <>
          <Text size="sm" data-testid="dashboard-in-care">
            {t('supervision.inCare', { persons: data.inCare.persons, households: data.inCare.households })}
          </Text>
          <Section
            title={t('supervision.funnel')}
            table="funnel"
            filter={filter}
            chart={
              <BarChart
                h={240}
                data={data.funnel.map((row) => ({ phase: stateLabel(row.phase), cases: row.cases }))}
                dataKey="phase"
                series={[{ name: 'cases', label: t('supervision.cases'), color: 'teal.6' }]}
              />
            }
          >
            <SimpleTable
              header={[t('supervision.phase'), t('supervision.cases')]}
              rows={data.funnel.map((row) => [stateLabel(row.phase), row.cases])}
            />
          </Section>

          <Section
            title={t('supervision.phaseDurations')}
            table="phase-durations"
            filter={filter}
            chart={
              <BarChart
                h={240}
                data={data.phaseDurations.map((row) => ({
                  phase: stateLabel(row.phase),
                  median: row.medianDays ?? 0,
                  p90: row.p90Days ?? 0,
                }))}
                dataKey="phase"
                series={[
                  { name: 'median', label: t('supervision.median'), color: 'teal.6' },
                  { name: 'p90', label: t('supervision.p90'), color: 'orange.6' },
                ]}
                withLegend
              />
            }
          >
            <SimpleTable
              header={[
                t('supervision.phase'),
                t('supervision.visits'),
                t('supervision.median'),
                t('supervision.p90'),
              ]}
              rows={data.phaseDurations.map((row) => [
                stateLabel(row.phase),
                row.visits,
                row.medianDays,
                row.p90Days,
              ])}
            />
          </Section>

          {(() => {
            const chart = pivot(
              data.referrals,
              (row) => formatMonth(row.month, 'short'),
              (row) => row.organisation ?? row.organisationId,
              (row) => row.referrals,
            );
            return (
              <Section
                title={t('supervision.referrals')}
                table="referrals"
                filter={filter}
                chart={
                  <BarChart
                    h={260}
                    type="stacked"
                    data={chart.data}
                    dataKey="category"
                    series={chart.series}
                    withLegend
                  />
                }
              >
                <SimpleTable
                  header={[t('supervision.month'), t('supervision.referrer'), t('supervision.referralCount')]}
                  rows={data.referrals.map((row) => [
                    formatMonth(row.month),
                    row.organisation ?? row.organisationId,
                    row.referrals,
                  ])}
                />
              </Section>
            );
          })()}

          {(() => {
            const chart = pivot(
              data.outcomes,
              (row) => row.period,
              (row) => vocab('outcome', row.outcome),
              (row) => row.cases,
            );
            return (
              <Section
                title={t('supervision.outcomes')}
                table="outcomes"
                filter={filter}
                chart={
                  <BarChart
                    h={260}
                    type="stacked"
                    data={chart.data}
                    dataKey="category"
                    series={chart.series}
                    withLegend
                  />
                }
              >
                <SimpleTable
                  header={[
                    t(`supervision.periods.${period}`),
                    t('supervision.outcome'),
                    t('supervision.cases'),
                  ]}
                  rows={data.outcomes.map((row) => [row.period, vocab('outcome', row.outcome), row.cases])}
                />
              </Section>
            );
          })()}

          {workloadSection(t('supervision.workloadOperators'), 'workload-operators', data.workload.operators)}
          {workloadSection(
            t('supervision.workloadResponsabili'),
            'workload-responsabili',
            data.workload.responsabili,
          )}

          <Section
            title={t('supervision.escalationsPerMonth')}
            table="escalations"
            filter={filter}
            chart={
              <LineChart
                h={220}
                data={data.escalations.map((row) => ({ ...row, month: formatMonth(row.month, 'short') }))}
                dataKey="month"
                series={[{ name: 'escalations', label: t('supervision.escalations'), color: 'grape.6' }]}
              />
            }
          >
            <SimpleTable
              header={[t('supervision.month'), t('supervision.escalations')]}
              rows={data.escalations.map((row) => [formatMonth(row.month), row.escalations])}
            />
          </Section>

          <ResourceUseCard />
        </>
      )}
    </Stack>
  );
}
