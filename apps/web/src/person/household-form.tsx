// Adding a household member: found by codice fiscale among the people the user may see, with what she is
// to the person and since when; the API's refusals are shown beside the form.
import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { codiceFiscaleSchema, HOUSEHOLD_RELATIONSHIPS } from '../../../../workflows/case/index.js';
import { problemsOf } from '../admin/problem-of';
import { DateField } from '../forms/fields';
import { today } from '../format';
import { useLabels } from '../i18n/labels';
import { useKnownPerson } from './known-person';
import { useAddHouseholdMember } from './person-queries';

export function HouseholdForm({ personId }: { personId: string }) {
  const labels = useLabels();
  const { t } = labels;
  const add = useAddHouseholdMember(personId);
  const [code, setCode] = useState('');
  const [relationship, setRelationship] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(today());
  const [failure, setFailure] = useState<string | null>(null);
  const parsed = codiceFiscaleSchema.safeParse(code);
  const member = useKnownPerson(parsed.success ? parsed.data : null);
  const submit = () => {
    setFailure(null);
    if (!member || !relationship || !from) return setFailure(t('person.householdIncomplete'));
    add.mutate(
      { memberId: member.id, relationship: relationship as never, from },
      {
        onSuccess: () => setCode(''),
        onError: (error) => setFailure(Object.values(problemsOf(error, labels)).join('; ')),
      },
    );
  };
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t('person.memberCodiceFiscale')}
          maxLength={16}
          styles={{ input: { fontFamily: 'monospace', textTransform: 'uppercase' } }}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          description={
            parsed.success
              ? member
                ? `${member.firstName} ${member.lastName}`
                : t('person.memberNotFound')
              : undefined
          }
        />
        <Select
          label={t('person.relationship')}
          data={HOUSEHOLD_RELATIONSHIPS.map((value) => ({
            value,
            label: t(`person.relationships.${value}`),
          }))}
          value={relationship}
          onChange={setRelationship}
        />
        <DateField label={t('person.householdFrom')} value={from} onChange={(value) => setFrom(value)} />
        <Button onClick={submit} loading={add.isPending}>
          {t('person.addMember')}
        </Button>
      </Group>
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
    </Stack>
  );
}
