// Adding the codice fiscale of a person who had none: checked by the shared schema as typed, then by the
// API against her birth date, sex and birthplace; a disagreement can be confirmed.
import { Alert, Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { codiceFiscaleSchema } from '../../../../workflows/case/index.js';
import { problemsOf } from '../admin/problem-of';
import { useLabels } from '../i18n/labels';
import { useAddCodiceFiscale, type PersonRecord } from './person-queries';

export function AddCodiceFiscaleForm({ person }: { person: PersonRecord }) {
  const labels = useLabels();
  const { t, schemaMessage } = labels;
  const add = useAddCodiceFiscale(person.id);
  const [code, setCode] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [disagreement, setDisagreement] = useState<string | null>(null);
  const parsed = codiceFiscaleSchema.safeParse(code);
  const typedError =
    code.length >= 16 && !parsed.success ? schemaMessage(parsed.error.issues[0].message) : null;
  const submit = () => {
    if (!parsed.success) return;
    add.mutate(
      {
        codiceFiscale: parsed.data,
        codiceFiscaleConfirmed: confirmed || undefined,
        expectedVersion: person.version,
      },
      {
        onError: (error) => setDisagreement(Object.values(problemsOf(error, labels)).join('; ')),
      },
    );
  };
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t('person.addCodiceFiscale')}
          maxLength={16}
          styles={{ input: { fontFamily: 'monospace', textTransform: 'uppercase' } }}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={typedError}
        />
        <Button onClick={submit} disabled={!parsed.success} loading={add.isPending}>
          {t('common.save')}
        </Button>
      </Group>
      {disagreement && (
        <Alert color="red" role="alert">
          {disagreement}
        </Alert>
      )}
      {disagreement && (
        <Checkbox
          label={t('person.confirmCodiceFiscale')}
          checked={confirmed}
          onChange={(event) => setConfirmed(event.currentTarget.checked)}
        />
      )}
    </Stack>
  );
}
