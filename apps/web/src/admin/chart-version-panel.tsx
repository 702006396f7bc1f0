// The version of the case chart the ambito's new referrals start on: each released version with what it
// changed and how many open cases run on it, the choice, and every earlier choice with who made it.
import { useState } from 'react';
import { Alert, Button, Paper, Radio, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';
import { useChartVersion, useChooseChartVersion } from './admin-queries';
import { problemsOf } from './problem-of';

export function ChartVersionPanel() {
  const labels = useLabels();
  const { t } = labels;
  const choice = useChartVersion();
  const choose = useChooseChartVersion();
  const [picked, setPicked] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);

  if (!choice.data) return <Skeleton h={200} />;
  const { current, versions, changes } = choice.data;
  const selected = picked ?? String(current);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setProblem(null);
    setSaved(null);
    try {
      const answer = await choose.mutateAsync(Number(selected));
      setSaved(answer.current);
      setPicked(null);
    } catch (error) {
      const problems = problemsOf(error, labels);
      setProblem(problems.version ?? problems[''] ?? t('common.error'));
    }
  }

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md" component="form" onSubmit={save} aria-labelledby="chart-version">
        <Title order={2} size="h4" id="chart-version" mb="xs">
          {t('admin.chartVersion')}
        </Title>
        <Text size="sm" mb="sm">
          {t('admin.chartVersionIntro')}
        </Text>
        <Radio.Group
          label={t('admin.chartVersionLegend')}
          value={selected}
          onChange={setPicked}
          error={problem}
        >
          <Stack gap="sm" mt="xs">
            {versions.map(({ version, notes, openCases }) => (
              <Radio
                key={version}
                value={String(version)}
                label={t('admin.chartVersionOption', { version })}
                description={`${notes} ${t('admin.chartVersionOpenCases', { count: openCases })}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Button type="submit" mt="md" loading={choose.isPending} disabled={selected === String(current)}>
          {t('admin.chartVersionSave')}
        </Button>
        {saved !== null && (
          <Alert color="green" mt="sm" role="status">
            {t('admin.chartVersionSaved', { version: saved })}
          </Alert>
        )}
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={2} size="h4" mb="sm">
          {t('admin.chartVersionHistory')}
        </Title>
        {changes.length === 0 ? (
          <Text size="sm">{t('admin.chartVersionNoHistory')}</Text>
        ) : (
          <Table striped verticalSpacing="xs" data-testid="chart-version-changes">
            <Table.Tbody>
              {changes.map((change) => (
                <Table.Tr key={change.chosenAt}>
                  <Table.Td>{formatDateTime(change.chosenAt)}</Table.Td>
                  <Table.Td>{change.chosenBy.name}</Table.Td>
                  <Table.Td>
                    {t('admin.chartVersionChange', { from: change.previousVersion, to: change.version })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
