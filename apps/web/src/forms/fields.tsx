// Inputs shared by the forms, so each date is typed the Italian way and each picker lists the territory.
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

export function OrganisationSelect(props: Omit<SelectProps, 'data'>) {
  const organisations = useOrganisations();
  const { t } = useTranslation();
  return (
    <Select
      searchable
      data={(organisations.data ?? []).map((organisation) => ({
        value: organisation.id,
        label: `${organisation.name} · ${t(`vocab.organisationType.${organisation.type}`)}`,
      }))}
      {...props}
    />
  );
}

export function OrganisationsMultiSelect(props: Omit<MultiSelectProps, 'data'>) {
  const organisations = useOrganisations();
  return (
    <MultiSelect
      searchable
      data={(organisations.data ?? []).map((organisation) => ({
        value: organisation.id,
        label: organisation.name,
      }))}
      {...props}
    />
  );
}

/** People who work cases: operators and coordinators of the territory. */
function useCaseWorkers() {
  const users = useUsers();
  return (users.data ?? [])
    .filter((user) => user.role === 'operatore' || user.role === 'coordinatore')
    .map((user) => ({ value: user.id, label: `${user.fullName} · ${user.organisation.name}` }));
}

export function UserSelect(props: Omit<SelectProps, 'data'>) {
  return <Select searchable data={useCaseWorkers()} {...props} />;
}

export function UsersMultiSelect(props: Omit<MultiSelectProps, 'data'>) {
  return <MultiSelect searchable data={useCaseWorkers()} {...props} />;
}
