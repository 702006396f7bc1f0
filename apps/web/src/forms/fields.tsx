// Inputs shared by the forms, so each date is typed the Italian way and each picker lists the territory
// (for a case, only the organisations the person's consent authorises).
import {
  MultiSelect,
  Select,
  TextInput,
  type MultiSelectProps,
  type SelectProps,
  type TextInputProps,
} from '@mantine/core';
import { DateInput, MonthPickerInput, type DateInputProps } from '@mantine/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisations, useUsers } from '../api/queries';
import { DATE_FORMAT, parseItalianDate } from '../format';

/** Days as typed: null when empty, undefined when not a whole number ("2,5", "abc"), else the number. */
export function daysOf(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (!trimmed) return null;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * A number of days, kept as typed: a number field would turn "2,5" into 25 and "-5" into 1 without a word,
 * and a rule that moves running deadlines must not change by surprise. What is not a whole number says so
 * while it is typed; the range is the server's to refuse, naming the field.
 */
export function DaysField({ error, value, ...props }: Omit<TextInputProps, 'value'> & { value: string }) {
  const { t } = useTranslation();
  return (
    <TextInput
      inputMode="numeric"
      value={value}
      error={error ?? (daysOf(value) === undefined ? t('fields.wholeDays') : undefined)}
      {...props}
    />
  );
}

/**
 * A month (YYYY-MM, '' for none) picked from a calendar of months named in the interface's language. A native
 * month input words the months in the browser's language, not the page's ("January 2026" in an Italian page),
 * and in Firefox and Safari on the desktop it is a plain text box asking for "2026-01".
 */
export function MonthField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (month: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <MonthPickerInput
      label={label}
      value={value ? `${value}-01` : null}
      onChange={(picked) => onChange(picked ? picked.slice(0, 7) : '')}
      valueFormat="MMMM YYYY"
      popoverProps={{ withinPortal: true }}
      ariaLabels={{
        previousYear: t('fields.calendar.previousYear'),
        nextYear: t('fields.calendar.nextYear'),
        previousDecade: t('fields.calendar.previousDecade'),
        nextDecade: t('fields.calendar.nextDecade'),
      }}
    />
  );
}

/**
 * A date typed as gg/mm/aaaa, or as its digits alone (or picked from the calendar); the value is the ISO date
 * the schemas expect. Text that is not a date says so while it is typed, instead of silently reverting.
 */
export function DateField({ error, ...props }: DateInputProps) {
  const { t } = useTranslation();
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const parse = (text: string) => {
    const date = parseItalianDate(text);
    setUnreadable(date || !text.trim() ? null : text.trim());
    return date;
  };
  return (
    <DateInput
      valueFormat={DATE_FORMAT}
      dateParser={parse}
      placeholder="gg/mm/aaaa"
      clearable
      popoverProps={{ withinPortal: true }}
      // Mantine draws the days of the next and previous months below AA contrast.
      hideOutsideDates
      ariaLabels={{
        previousMonth: t('fields.calendar.previousMonth'),
        nextMonth: t('fields.calendar.nextMonth'),
        previousYear: t('fields.calendar.previousYear'),
        nextYear: t('fields.calendar.nextYear'),
        previousDecade: t('fields.calendar.previousDecade'),
        nextDecade: t('fields.calendar.nextDecade'),
      }}
      error={unreadable ? t('fields.unreadableDate', { text: unreadable }) : error}
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
  return <MultiSelect {...useCaseWorkers(within)} {...props} />;
}
