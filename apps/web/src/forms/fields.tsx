// Inputs shared by the forms, so each date is typed the Italian way and each picker lists the territory
// (for a case, only the organisations the person's consent authorises).
import { MultiSelect, Select, type MultiSelectProps, type SelectProps } from '@mantine/core';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { useOrganisations, useUsers } from '../api/queries';
import { DATE_FORMAT, parseItalianDate } from '../format';

/** A date typed as gg/mm/aaaa (or picked from the calendar); the value is the ISO date the schemas expect. */
export function DateField(props: DateInputProps) {
  return (
    <DateInput
      valueFormat={DATE_FORMAT}
      dateParser={parseItalianDate}
      placeholder="gg/mm/aaaa"
      clearable
      popoverProps={{ withinPortal: true }}
      {...props}
    />
  );
}

/**
 * Pickers of organisations and people that join a case take `within`: the organisations the person's
 * consent authorises. Only those are offered, and the field says why the others are not.
 */
interface Within {
  within?: readonly string[];
}

function useWithin<T>(items: T[], organisationOf: (item: T) => string, within?: readonly string[]) {
  const { t } = useTranslation();
  if (!within) return { items, description: undefined };
  return {
    items: items.filter((item) => within.includes(organisationOf(item))),
    description: t(within.length ? 'fields.consentedOnly' : 'fields.noConsentYet'),
  };
}

export function OrganisationSelect({ within, ...props }: Omit<SelectProps, 'data'> & Within) {
  const { t } = useTranslation();
  const { items, description } = useWithin(useOrganisations().data ?? [], (item) => item.id, within);
  return (
    <Select
      searchable
      description={description}
      data={items.map((organisation) => ({
        value: organisation.id,
        label: `${organisation.name} · ${t(`vocab.organisationType.${organisation.type}`)}`,
      }))}
      {...props}
    />
  );
}

export function OrganisationsMultiSelect({ within, ...props }: Omit<MultiSelectProps, 'data'> & Within) {
  const { items, description } = useWithin(useOrganisations().data ?? [], (item) => item.id, within);
  return (
    <MultiSelect
      searchable
      description={description}
      data={items.map((organisation) => ({
        value: organisation.id,
        label: organisation.name,
      }))}
      {...props}
    />
  );
}

/** People who work cases: operators and coordinators of the territory (of the consented organisations). */
function useCaseWorkers(within?: readonly string[]) {
  const workers = (useUsers().data ?? []).filter(
    (user) => user.role === 'operatore' || user.role === 'coordinatore',
  );
  const { items, description } = useWithin(workers, (user) => user.organisation.id, within);
  return {
    description,
    data: items.map((user) => ({ value: user.id, label: `${user.fullName} · ${user.organisation.name}` })),
  };
}

export function UserSelect({ within, ...props }: Omit<SelectProps, 'data'> & Within) {
  return <Select searchable {...useCaseWorkers(within)} {...props} />;
}

export function UsersMultiSelect({ within, ...props }: Omit<MultiSelectProps, 'data'> & Within) {
  return <MultiSelect searchable {...useCaseWorkers(within)} {...props} />;
}
