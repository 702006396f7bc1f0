// Picks resources of the ambito's map for a PaIS action: those valid today, plus any the action already links.
import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { today } from '../format';
import { useLabels } from '../i18n/labels';
import { useResources } from './resource-queries';

export function ResourcesMultiSelect(props: Omit<MultiSelectProps, 'data'>) {
  const { t, vocab } = useLabels();
  const resources = useResources();
  const chosen = new Set((props.value as string[] | undefined) ?? []);
  const day = today();
  const data = (resources.data?.items ?? [])
    .filter(
      (resource) =>
        chosen.has(resource.id) ||
        (resource.validFrom <= day && (resource.validTo === null || resource.validTo >= day)),
    )
    .map((resource) => ({
      value: resource.id,
      label: `${vocab('resourceKind', resource.kind)} — ${resource.name}${
        resource.places !== null ? ` (${t('resources.placesShort', { count: resource.places })})` : ''
      }`,
    }));
  return (
    <MultiSelect
      searchable
      clearable
      description={t('resources.pickHint')}
      nothingFoundMessage={t('resources.nothingFound')}
      {...props}
      data={data}
    />
  );
}
