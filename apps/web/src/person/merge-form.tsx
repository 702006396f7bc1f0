// The coordinator merges a possible duplicate into a person: why, then every percorso follows the survivor.
import { Alert, Button, Group, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../api/http';
import { useLabels } from '../i18n/labels';
import { useMergePersons, type PossibleDuplicate } from './person-queries';

export function MergeForm({ survivorId, duplicate }: { survivorId: string; duplicate: PossibleDuplicate }) {
  const { t } = useLabels();
  const merge = useMergePersons(survivorId);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const submit = () => {
    setFailure(null);
    if (!reason.trim()) return setFailure(t('person.mergeReasonRequired'));
    merge.mutate(
      { duplicateId: duplicate.id, reason: reason.trim() },
      { onError: (error) => setFailure(error instanceof ApiError ? error.message : t('common.error')) },
    );
  };
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <Textarea
        label={t('person.mergeReason', { name: `${duplicate.lastName} ${duplicate.firstName}` })}
        description={t('person.mergeHint')}
        autosize
        minRows={1}
        style={{ flex: 1, minWidth: 240 }}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={failure ?? undefined}
      />
      <Button color="orange" loading={merge.isPending} onClick={submit}>
        {t('person.merge')}
      </Button>
      {merge.isSuccess && (
        <Alert color="teal" role="status" w="100%">
          {t('person.merged')}
        </Alert>
      )}
    </Group>
  );
}
