// Diario del percorso: dated notes by whoever works on the case, newest day first. Each is filed under a
// data category; the server withholds the ones this user may not read, and the list says so. The author
// edits their own entries, and every earlier version stays readable.
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { DATA_CATEGORIES, diaryEntrySchema } from '../../../../workflows/case/index.js';
import { ApiError } from '../api/http';
import { useDiary, useDiaryVersions, useSaveDiaryEntry } from '../api/queries';
import type { CaseView, DiaryEntry } from '../api/types';
import { useSession } from '../auth/auth';
import { DateField } from '../forms/fields';
import { applyFieldProblems, schemaErrors } from '../forms/schema-form';
import { formatDate, formatDateTime, today } from '../format';
import { useLabels } from '../i18n/labels';
import { FileSection } from './file-section';

function EntryForm({ caseId, entry, onDone }: { caseId: string; entry?: DiaryEntry; onDone?: () => void }) {
  const labels = useLabels();
  const { t } = labels;
  const save = useSaveDiaryEntry(caseId);
  const [failure, setFailure] = useState<string | null>(null);
  const initial = {
    occurredOn: entry?.occurredOn ?? today(),
    category: entry?.category ?? 'comuni',
    text: entry?.text ?? '',
  };
  const form = useForm({
    initialValues: initial,
    validate: (values) => schemaErrors(diaryEntrySchema, values, labels),
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await save.mutateAsync({ entry: values, entryId: entry?.id, expectedVersion: entry?.version });
      form.setValues({ ...initial, text: '' });
      onDone?.();
    } catch (error) {
      if (!(error instanceof ApiError)) return setFailure(t('common.error'));
      if (error.code === 'version_conflict') return setFailure(t('diary.conflict'));
      const problems = (error.body.fields ?? []).map((problem) => ({
        ...problem,
        field: problem.field.replace(/^entry\./, ''),
      }));
      const unplaced = applyFieldProblems(form, problems, labels, (path) => path in initial);
      if (unplaced.length || problems.length === 0) setFailure(error.message);
    }
  });
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={entry ? t('diary.edit') : t('diary.add')}
      data-testid="diary-form"
    >
      <Stack gap="xs">
        <Group align="flex-start" grow wrap="wrap">
          <DateField label={t('diary.occurredOn')} withAsterisk {...form.getInputProps('occurredOn')} />
          <Select
            label={t('diary.category')}
            withAsterisk
            allowDeselect={false}
            data={labels.options('dataCategory', DATA_CATEGORIES)}
            {...form.getInputProps('category')}
          />
        </Group>
        <Textarea label={t('diary.text')} withAsterisk autosize minRows={2} {...form.getInputProps('text')} />
        {failure && (
          <Alert color="red" variant="light" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          {onDone && entry && (
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" variant="light" loading={save.isPending}>
            {entry ? t('diary.saveEdit') : t('diary.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EarlierVersions({ caseId, entry }: { caseId: string; entry: DiaryEntry }) {
  const { t } = useLabels();
  const versions = useDiaryVersions(caseId, entry.id);
  if (!versions.data) return <Text size="sm">{t('common.loading')}</Text>;
  return (
    <Stack gap={4} data-testid="diary-versions">
      {versions.data.items
        .filter((version) => version.version < entry.version)
        .map((version) => (
          <Text key={version.version} size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {t('diary.versionOf', {
              version: version.version,
              name: version.writtenBy.name,
              at: formatDateTime(version.writtenAt),
              day: formatDate(version.occurredOn),
            })}
            : {version.text}
          </Text>
        ))}
    </Stack>
  );
}

function Entry({ caseId, entry }: { caseId: string; entry: DiaryEntry }) {
  const { t, vocab } = useLabels();
  const { user } = useSession();
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState(false);
  return (
    <Card withBorder radius="sm" p="sm" data-testid="diary-entry">
      <Stack gap={6}>
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {formatDate(entry.occurredOn)}
            </Text>
            {entry.category !== 'comuni' && (
              <Badge variant="light" color="grape">
                {vocab('dataCategory', entry.category)}
              </Badge>
            )}
            {entry.edited && (
              <Badge variant="outline" color="gray">
                {t('diary.edited')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {entry.author.name} · {formatDateTime(entry.createdAt)}
          </Text>
        </Group>
        {editing ? (
          <EntryForm caseId={caseId} entry={entry} onDone={() => setEditing(false)} />
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {entry.text}
          </Text>
        )}
        <Group gap="xs">
          {user?.id === entry.author.userId && !editing && (
            <Button size="compact-sm" variant="subtle" onClick={() => setEditing(true)}>
              {t('diary.edit')}
            </Button>
          )}
          {entry.edited && (
            <Button
              size="compact-sm"
              variant="subtle"
              aria-expanded={history}
              onClick={() => setHistory(!history)}
            >
              {history ? t('diary.hideVersions') : t('diary.showVersions')}
            </Button>
          )}
        </Group>
        {history && <EarlierVersions caseId={caseId} entry={entry} />}
      </Stack>
    </Card>
  );
}

export function DiarySection({ view }: { view: CaseView }) {
  const { t, vocab } = useLabels();
  const diary = useDiary(view.id);
  return (
    <FileSection id="diario" title={t('diary.title')}>
      {diary.error ? (
        <Alert color="gray" variant="light">
          {diary.error instanceof ApiError && diary.error.status === 403
            ? t('diary.notForYou')
            : t('common.error')}
        </Alert>
      ) : (
        <EntryForm caseId={view.id} />
      )}
      {diary.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('diary.empty')}
        </Text>
      )}
      {diary.data?.items.map((entry) =>
        'withheld' in entry ? (
          <Text key={entry.id} size="sm" c="dimmed" fs="italic" data-testid="diary-withheld">
            {t('diary.withheld', {
              day: formatDate(entry.occurredOn),
              category: vocab('dataCategory', entry.category),
            })}
          </Text>
        ) : (
          <Entry key={entry.id} caseId={view.id} entry={entry} />
        ),
      )}
    </FileSection>
  );
}
