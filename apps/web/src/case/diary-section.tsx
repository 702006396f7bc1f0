// The diary of the percorso: dated notes by the people working the case, newest day first, each with its
// data category (a note the viewer may not read says only that it exists), its author, and the earlier
// texts of an edited note. The author edits her own notes; the server keeps every version.
import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { useCaseDiary, useWriteDiary } from '../api/queries';
import type { CaseView, DataCategory, DiaryEntry, WithheldDiaryEntry } from '../api/types';
import { useSession } from '../auth/auth';
import { DateField } from '../forms/fields';
import { formatDate, formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';
import { FileSection } from './file-section';

const CATEGORIES: DataCategory[] = ['comuni', 'particolari', 'giudiziari'];

const isWithheld = (item: DiaryEntry | WithheldDiaryEntry): item is WithheldDiaryEntry => 'withheld' in item;

function useRefusal() {
  const { t } = useLabels();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('diary.failed');
    if (error.code === 'version_conflict') return t('diary.conflict');
    if (error.status === 403) return t('diary.forbidden');
    if (error.status === 422) return t('diary.invalid');
    return t('diary.failed');
  };
}

function Entry({ caseId, entry }: { caseId: string; entry: DiaryEntry }) {
  const { t, vocab } = useLabels();
  const { user } = useSession();
  const write = useWriteDiary(caseId);
  const refusal = useRefusal();
  const [draft, setDraft] = useState<string | null>(null);
  const save = () =>
    draft !== null &&
    write.mutate(
      { id: entry.id, text: draft, expectedVersion: entry.version },
      { onSuccess: () => setDraft(null) },
    );
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="diary-entry">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm" fw={700}>
            {formatDate(entry.date)}
          </Text>
          <Badge variant="light" color={entry.category === 'comuni' ? 'gray' : 'orange'} tt="none">
            {vocab('dataCategory', entry.category)}
          </Badge>
        </Group>
        {draft === null ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {entry.text}
          </Text>
        ) : (
          <Textarea
            label={t('diary.text')}
            value={draft}
            onChange={(event) => setDraft(event.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={20000}
          />
        )}
        <Text size="xs" c="dimmed">
          {t('diary.by', { name: entry.author.name, date: formatDateTime(entry.writtenAt) })}
        </Text>
        {entry.earlier.length > 0 && (
          <details>
            <summary>
              <Text span size="xs">
                {t('diary.edited', { count: entry.earlier.length })}
              </Text>
            </summary>
            <Stack gap={4} mt={4}>
              {entry.earlier.map((earlier) => (
                <div key={earlier.version}>
                  <Text size="xs" c="dimmed">
                    {t('diary.earlier', {
                      version: earlier.version,
                      date: formatDateTime(earlier.writtenAt),
                    })}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {earlier.text}
                  </Text>
                </div>
              ))}
            </Stack>
          </details>
        )}
        {write.isError && (
          <Alert color="red" role="alert" p="xs">
            {refusal(write.error)}
          </Alert>
        )}
        {entry.author.userId === user?.id && (
          <Group gap="xs">
            {draft === null ? (
              <Button size="compact-sm" variant="default" onClick={() => setDraft(entry.text)}>
                {t('diary.edit')}
              </Button>
            ) : (
              <>
                <Button size="compact-sm" onClick={save} loading={write.isPending} disabled={!draft.trim()}>
                  {t('diary.save')}
                </Button>
                <Button size="compact-sm" variant="default" onClick={() => setDraft(null)}>
                  {t('diary.cancel')}
                </Button>
              </>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function NewEntry({ caseId }: { caseId: string }) {
  const { t, options } = useLabels();
  const write = useWriteDiary(caseId);
  const refusal = useRefusal();
  const [date, setDate] = useState<string | null>(new Date().toISOString().slice(0, 10));
  const [category, setCategory] = useState<string | null>('comuni');
  const [text, setText] = useState('');
  const [written, setWritten] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setWritten(false);
    write.mutate(
      { date: date ?? '', category: category ?? '', text },
      {
        onSuccess: () => {
          setText('');
          setWritten(true);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('diary.write')}>
      <Stack gap="xs">
        <Group grow align="flex-start" wrap="wrap">
          <DateField label={t('diary.date')} required value={date} onChange={setDate} miw={160} />
          <Select
            label={t('diary.category')}
            required
            data={options('dataCategory', CATEGORIES)}
            value={category}
            onChange={setCategory}
            allowDeselect={false}
            miw={180}
          />
        </Group>
        <Textarea
          label={t('diary.text')}
          required
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={20000}
        />
        {write.isError && (
          <Alert color="red" role="alert" p="xs">
            {refusal(write.error)}
          </Alert>
        )}
        {written && (
          <Text size="sm" c="teal.9" role="status">
            {t('diary.written')}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={write.isPending} disabled={!text.trim() || !date}>
            {t('diary.write')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function DiarySection({ view }: { view: CaseView }) {
  const { t, vocab } = useLabels();
  const diary = useCaseDiary(view.id);
  const items = diary.data?.items ?? [];
  return (
    <FileSection id="diary" title={t('diary.title')}>
      {items.length === 0 && (
        <Text c="dimmed" size="sm">
          {diary.isPending ? t('common.loading') : t('diary.none')}
        </Text>
      )}
      {items.map((item) =>
        isWithheld(item) ? (
          <Text key={item.id} size="sm" c="dimmed" data-testid="diary-withheld">
            {t('diary.withheld', {
              date: formatDate(item.date),
              category: vocab('dataCategory', item.category),
            })}
          </Text>
        ) : (
          <Entry key={item.id} caseId={view.id} entry={item} />
        ),
      )}
      <NewEntry caseId={view.id} />
    </FileSection>
  );
}
