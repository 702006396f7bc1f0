// The outcome (scheda esito): one primary outcome, others secondary, the contract for employment.
import { MultiSelect, Select, SimpleGrid, Stack, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { CONTRACT_TYPES, OUTCOME_CODES } from '../../../../../workflows/case/index.js';
import { compact } from '../../forms/schema-form';
import { useLabels } from '../../i18n/labels';
import { defineForm } from './form-spec';

export interface OutcomeValues {
  primary: string;
  secondary: string[];
  contractType: string;
  note: string;
}

export const emptyOutcome = (): OutcomeValues => ({ primary: '', secondary: [], contractType: '', note: '' });

/** Outcomes set by the process itself (routing, refusal, rejection) are not chosen by hand. */
const CHOSEN_OUTCOMES = OUTCOME_CODES.filter(
  (code) => code !== 'segnalazione_non_accolta' && code !== 'rifiuto_progetto',
);

export function OutcomeFields<Values extends Record<string, unknown>>({
  form,
  path,
}: {
  form: UseFormReturnType<Values>;
  path: string;
}) {
  const { t, options } = useLabels();
  const outcome = form.getValues()[path] as OutcomeValues;
  const employment = outcome.primary === 'occupazione' || outcome.secondary.includes('occupazione');
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('fields.primaryOutcome')}
          withAsterisk
          searchable
          data={options('outcome', CHOSEN_OUTCOMES)}
          {...form.getInputProps(`${path}.primary`)}
        />
        <MultiSelect
          label={t('fields.secondaryOutcomes')}
          data={options('outcome', CHOSEN_OUTCOMES).filter((option) => option.value !== outcome.primary)}
          {...form.getInputProps(`${path}.secondary`)}
        />
      </SimpleGrid>
      {employment && (
        <Select
          label={t('fields.contractType')}
          withAsterisk
          data={options('contractType', CONTRACT_TYPES)}
          {...form.getInputProps(`${path}.contractType`)}
        />
      )}
      <Textarea
        label={t('event.noteOptional')}
        autosize
        minRows={2}
        {...form.getInputProps(`${path}.note`)}
      />
    </Stack>
  );
}

export const closeForm = defineForm({
  initialValues: () => ({ outcome: emptyOutcome() }),
  toPayload: (values) => ({ outcome: compact(values.outcome) }),
  Fields: ({ form }) => <OutcomeFields form={form} path="outcome" />,
});
