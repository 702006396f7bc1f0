// The case's documents: what is filed (those of a category the viewer does not read are shown as withheld,
// by category alone), a download of each, and a form to file a new one. The server reads the type from the
// content and decides who may file and read what; this section says why when it refuses.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  type SelectProps,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../../workflows/case/index.js';
import { ApiError, apiDownload } from '../api/http';
import { useCaseDocuments, useUploadDocument } from '../api/queries';
import type { CaseDocument, CaseView, DataCategory, WithheldDocument } from '../api/types';
import { formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';
import { FileSection, WithheldNotice } from './file-section';

const CATEGORIES: DataCategory[] = ['comuni', 'particolari', 'giudiziari'];

const isWithheld = (item: CaseDocument | WithheldDocument): item is WithheldDocument => 'withheld' in item;

function sizeOf(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The refusal in the user's words: which rule, and what to do. */
function useRefusal() {
  const { t } = useLabels();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('documents.failed');
    if (error.status === 413) return t('documents.tooLarge');
    if (error.status === 403) return t('documents.forbiddenCategory');
    const field = error.body.fields?.[0]?.field;
    if (field === 'file') return t('documents.wrongType');
    if (field)
      return t('documents.missing', { field: t(`documents.fields.${field}`, { defaultValue: field }) });
    return t('documents.failed');
  };
}

function UploadForm({ caseId }: { caseId: string }) {
  const { t, options } = useLabels();
  const upload = useUploadDocument(caseId);
  const refusal = useRefusal();
  const [kind, setKind] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>('comuni');
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  const [filed, setFiled] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFiled(null);
    const form = new FormData();
    if (kind) form.set('kind', kind);
    if (category) form.set('category', category);
    if (description.trim()) form.set('description', description.trim());
    if (file) form.set('file', file);
    upload.mutate(form, {
      onSuccess: (document) => {
        setFiled(t('documents.filed', { name: document.filename }));
        setFile(null);
        setDescription('');
      },
    });
  };

  return (
    <form onSubmit={submit} aria-label={t('documents.upload')}>
      <Stack gap="xs">
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t('documents.kind')}
            required
            data={options('documentKind', DOCUMENT_KINDS)}
            value={kind}
            onChange={setKind}
            miw={180}
          />
          <Select
            label={t('documents.category')}
            required
            data={options('dataCategory', CATEGORIES)}
            value={category}
            onChange={setCategory}
            allowDeselect={false}
            miw={180}
          />
        </Group>
        <FileInput
          label={t('documents.file')}
          description={t('documents.accepted')}
          required
          value={file}
          onChange={setFile}
          clearable
          accept="application/pdf,image/jpeg,image/png,image/tiff,.docx,.odt"
        />
        <TextInput
          label={t('documents.description')}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          maxLength={500}
        />
        {upload.isError && (
          <Alert color="red" role="alert" p="xs">
            {refusal(upload.error)}
          </Alert>
        )}
        {filed && (
          <Text size="sm" c="teal.9" role="status">
            {filed}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={upload.isPending} disabled={!kind || !file}>
            {t('documents.upload')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A document's name as a button that downloads it (the server decides whether the bytes leave). */
function DocumentDownload({
  caseId,
  document,
  onRefused,
}: {
  caseId: string;
  document: CaseDocument;
  onRefused: (message: string | null) => void;
}) {
  const { t } = useLabels();
  const refusal = useRefusal();
  const download = () => {
    onRefused(null);
    apiDownload(`/cases/${caseId}/documents/${document.id}`, document.filename).catch((error: unknown) =>
      onRefused(refusal(error)),
    );
  };
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      px={0}
      onClick={download}
      aria-label={t('documents.download', { name: document.filename })}
      style={{ maxWidth: '100%' }}
    >
      {document.filename}
    </Button>
  );
}

/**
 * The signed paper an event pointed at (the consent form, the signed PaIS): its download when the viewer
 * reads its category, else that it is filed and withheld.
 */
export function SignedForm({ caseId, documentId }: { caseId: string; documentId: string }) {
  const { t, vocab } = useLabels();
  const documents = useCaseDocuments(caseId);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const item = documents.data?.items.find((candidate) => candidate.id === documentId);
  if (!item) return <Text size="sm">{documents.isPending ? t('common.loading') : t('documents.gone')}</Text>;
  if (isWithheld(item)) {
    return (
      <Text size="sm">
        {t('documents.signedWithheld', { category: vocab('dataCategory', item.category) })}
      </Text>
    );
  }
  return (
    <Stack gap={4} data-testid="signed-form">
      <div>
        <DocumentDownload caseId={caseId} document={item} onRefused={setDownloadError} />
        <Text size="xs" c="dimmed">
          {t('documents.filedOn', { name: item.uploadedBy.name, at: formatDateTime(item.uploadedAt) })}
        </Text>
      </div>
      {downloadError && (
        <Alert color="red" role="alert" p="xs">
          {downloadError}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * Picks the signed paper of an event among the case's documents of that kind, the latest first; when there
 * is none, says to file it in Documenti first.
 */
export function SignedFormSelect({
  caseId,
  kind,
  ...props
}: Omit<SelectProps, 'data'> & { caseId: string; kind: DocumentKind }) {
  const { t, vocab } = useLabels();
  const documents = useCaseDocuments(caseId);
  const candidates = (documents.data?.items ?? []).filter(
    (item): item is CaseDocument => !isWithheld(item) && item.kind === kind,
  );
  const hint =
    documents.isPending || candidates.length > 0 ? (
      t('documents.signedHint')
    ) : (
      <>
        {t('documents.noSigned', { kind: vocab('documentKind', kind) })}{' '}
        <Anchor href="#file-documents" size="xs" underline="always">
          {t('documents.goToDocuments')}
        </Anchor>
      </>
    );
  return (
    <Select
      clearable
      description={hint}
      disabled={candidates.length === 0}
      data={candidates.map((document) => ({
        value: document.id,
        label: `${document.filename} · ${formatDateTime(document.uploadedAt)}`,
      }))}
      {...props}
    />
  );
}

export function DocumentsSection({ view }: { view: CaseView }) {
  const { t, vocab } = useLabels();
  const documents = useCaseDocuments(view.id);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const items = documents.data?.items ?? [];
  const withheld = [...new Set(items.filter(isWithheld).map((item) => item.category))];
  const readable = items.filter((item): item is CaseDocument => !isWithheld(item));

  return (
    <FileSection id="documents" title={t('documents.title')}>
      {readable.length === 0 && withheld.length === 0 && (
        <Text c="dimmed" size="sm">
          {documents.isPending ? t('common.loading') : t('documents.none')}
        </Text>
      )}
      {readable.length > 0 && (
        <div style={{ overflowX: 'auto' }} tabIndex={0}>
          <Table verticalSpacing="xs" miw={520}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('documents.document')}</Table.Th>
                <Table.Th>{t('documents.category')}</Table.Th>
                <Table.Th>{t('documents.filedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {readable.map((document) => (
                <Table.Tr key={document.id} data-testid="document-row">
                  <Table.Td>
                    <DocumentDownload caseId={view.id} document={document} onRefused={setDownloadError} />
                    <Text size="xs" c="dimmed">
                      {vocab('documentKind', document.kind)} · {sizeOf(document.size)}
                      {document.description ? ` · ${document.description}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={document.category === 'comuni' ? 'gray' : 'orange'}
                      tt="none"
                    >
                      {vocab('dataCategory', document.category)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{document.uploadedBy.name}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(document.uploadedAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {withheld.length > 0 && <WithheldNotice categories={withheld} />}
      {downloadError && (
        <Alert color="red" role="alert" p="xs">
          {downloadError}
        </Alert>
      )}
      <UploadForm caseId={view.id} />
    </FileSection>
  );
}
