// Correcting the record (rectification): the fields as they are, changed ones sent with a reason; the API
// keeps every old value, checks the codice fiscale and refuses a stale version, and its reasons land
// beside the fields.
import { Alert, Button, Checkbox, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { SEXES } from '../../../../workflows/case/index.js';
import { problemsOf } from '../admin/problem-of';
import { DateField } from '../forms/fields';
import { useLabels } from '../i18n/labels';
import { useRectifyPerson, type PersonRecord } from './person-queries';

const TEXT_FIELDS = [
  'firstName',
  'lastName',
  'birthplace',
  'citizenship',
  'municipality',
  'phone',
  'email',
] as const;
type Field = (typeof TEXT_FIELDS)[number] | 'birthDate' | 'sex';

const LABELS: Record<Field, string> = {
  firstName: 'referral.firstName',
  lastName: 'referral.lastName',
  birthDate: 'referral.birthDate',
  sex: 'person.sex',
  birthplace: 'person.birthplace',
  citizenship: 'person.citizenship',
  municipality: 'referral.municipality',
  phone: 'referral.phone',
  email: 'referral.email',
};

export function RectificationForm({ person }: { person: PersonRecord }) {
  const labels = useLabels();
  const { t } = labels;
  const rectify = useRectifyPerson(person.id);
  const initial = Object.fromEntries(
    (Object.keys(LABELS) as Field[]).map((field) => [field, (person[field] as string | undefined) ?? '']),
  ) as Record<Field, string>;
  const [values, setValues] = useState(initial);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const set = (field: Field, value: string | null) => setValues({ ...values, [field]: value ?? '' });
  const error = (field: Field) => problems[`changes.${field}`];
  const submit = () => {
    const changes = Object.fromEntries(
      (Object.keys(values) as Field[])
        .filter((field) => values[field].trim() !== initial[field])
        .map((field) => [field, values[field].trim()]),
    );
    setProblems({});
    rectify.mutate(
      {
        changes,
        reason,
        expectedVersion: person.version,
        ...(confirmed ? { codiceFiscaleConfirmed: true } : {}),
      },
      { onError: (failure) => setProblems(problemsOf(failure, labels)) },
    );
  };
  const general = Object.entries(problems)
    .filter(([field]) => !field.startsWith('changes.'))
    .map(([, reason]) => reason);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        {TEXT_FIELDS.map((field) => (
          <TextInput
            key={field}
            label={t(LABELS[field])}
            value={values[field]}
            onChange={(event) => set(field, event.currentTarget.value)}
            error={error(field)}
          />
        ))}
        <DateField
          label={t(LABELS.birthDate)}
          value={values.birthDate}
          onChange={(value) => set('birthDate', value)}
          error={error('birthDate')}
        />
        <Select
          label={t(LABELS.sex)}
          data={SEXES.map((sex) => ({ value: sex, label: t(`person.sexes.${sex}`) }))}
          value={values.sex || null}
          onChange={(value) => set('sex', value)}
          error={error('sex')}
        />
      </SimpleGrid>
      <Textarea
        label={t('person.rectificationReason')}
        withAsterisk
        autosize
        minRows={1}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={problems.reason}
      />
      {person.codiceFiscale && (
        <Checkbox
          label={t('person.confirmCodiceFiscale')}
          checked={confirmed}
          onChange={(event) => setConfirmed(event.currentTarget.checked)}
        />
      )}
      {general.length > 0 && (
        <Alert color="red" role="alert">
          {general.join('; ')}
        </Alert>
      )}
      <div>
        <Button onClick={submit} loading={rectify.isPending}>
          {t('person.rectify')}
        </Button>
      </div>
    </Stack>
  );
}
