// Adds or changes one resource of the map; the API's refusals land beside their fields.
import { useState } from 'react';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { RESOURCE_KINDS, type ResourceKind } from '../../../../workflows/case/index.js';
import { problemsOf } from '../admin/problem-of';
import { ApiError } from '../api/http';
import { DateField, OrganisationSelect } from '../forms/fields';
import { today } from '../format';
import { useLabels } from '../i18n/labels';
import { useSaveResource, type Resource, type ResourceInput } from './resource-queries';

const blank = (): ResourceInput => ({
  kind: 'azienda',
  name: '',
  description: null,
  ownerOrganisationId: '',
  places: null,
  validFrom: today(),
  validTo: null,
  contact: '',
});

const inputOf = (resource: Resource): ResourceInput => ({
  kind: resource.kind,
  name: resource.name,
  description: resource.description,
  ownerOrganisationId: resource.owner.organisationId,
  places: resource.places,
  validFrom: resource.validFrom,
  validTo: resource.validTo,
  contact: resource.contact,
});

export function ResourceForm({ resource, onDone }: { resource: Resource | null; onDone: () => void }) {
  const labels = useLabels();
  const { t, options } = labels;
  const save = useSaveResource();
  const [values, setValues] = useState<ResourceInput>(resource ? inputOf(resource) : blank());
  const [problems, setProblems] = useState<Record<string, string>>({});
  const set = <K extends keyof ResourceInput>(key: K, value: ResourceInput[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setProblems({});
    try {
      await save.mutateAsync({ id: resource?.id, expectedVersion: resource?.version, resource: values });
      onDone();
    } catch (error) {
      setProblems(
        error instanceof ApiError && error.code === 'version_conflict'
          ? { '': t('resources.conflict') }
          : // A replaced resource's fields come back under "resource.".
            Object.fromEntries(
              Object.entries(problemsOf(error, labels)).map(([field, reason]) => [
                field.replace(/^resource\./, ''),
                reason,
              ]),
            ),
      );
    }
  }

  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('resources.kind')}
          withAsterisk
          data={options('resourceKind', RESOURCE_KINDS)}
          value={values.kind}
          onChange={(kind) => set('kind', (kind ?? 'azienda') as ResourceKind)}
          error={problems.kind}
        />
        <TextInput
          label={t('resources.name')}
          withAsterisk
          value={values.name}
          onChange={(event) => set('name', event.currentTarget.value)}
          error={problems.name}
        />
      </SimpleGrid>
      <Textarea
        label={t('resources.description')}
        autosize
        minRows={2}
        value={values.description ?? ''}
        onChange={(event) =>
          set('description', event.currentTarget.value.trim() ? event.currentTarget.value : null)
        }
        error={problems.description}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <OrganisationSelect
          label={t('resources.owner')}
          withAsterisk
          value={values.ownerOrganisationId || null}
          onChange={(id) => set('ownerOrganisationId', id ?? '')}
          error={problems.ownerOrganisationId}
        />
        <NumberInput
          label={t('resources.places')}
          description={t('resources.placesHint')}
          min={0}
          allowDecimal={false}
          value={values.places ?? ''}
          onChange={(places) => set('places', places === '' ? null : Number(places))}
          error={problems.places}
        />
        <DateField
          label={t('resources.validFrom')}
          withAsterisk
          value={values.validFrom || null}
          onChange={(date) => set('validFrom', date ?? '')}
          error={problems.validFrom}
        />
        <DateField
          label={t('resources.validTo')}
          description={t('resources.validToHint')}
          value={values.validTo}
          onChange={(date) => set('validTo', date ?? null)}
          error={problems.validTo}
        />
      </SimpleGrid>
      <TextInput
        label={t('resources.contact')}
        withAsterisk
        value={values.contact}
        onChange={(event) => set('contact', event.currentTarget.value)}
        error={problems.contact}
      />
      {problems[''] && <Alert color="red">{problems['']}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
