// Valutazione: who assesses, each life domain in turn, and the profilo that routes the case.
import { Badge, Group, Radio, Select, Stack, Textarea } from '@mantine/core';
import {
  consentedOrganisations,
  LIFE_DOMAINS,
  NEED_LEVELS,
  PROFILI,
  type LifeDomain,
} from '../../../../../workflows/case/index.js';
import type { CaseView } from '../../api/types';
import { UsersMultiSelect } from '../../forms/fields';
import { personRef } from '../../forms/references';
import { compact } from '../../forms/schema-form';
import { useLabels } from '../../i18n/labels';
import { defineForm } from './form-spec';

export const assignAssessorsForm = defineForm({
  initialValues: (view) => ({ assessors: view.data.assessors.map((assessor) => assessor.userId) }),
  toPayload: (values, directory) => ({
    assessors: values.assessors.map((id) => personRef(directory, id) ?? id),
  }),
  Fields: function Fields({ form, view }) {
    const { t } = useLabels();
    return (
      <UsersMultiSelect
        label={t('fields.assessors')}
        withAsterisk
        within={consentedOrganisations(view.data)}
        {...form.getInputProps('assessors')}
      />
    );
  },
});

function DomainProgress({ view }: { view: CaseView }) {
  const { vocab } = useLabels();
  return (
    <Group gap={6}>
      {view.data.referral.needs.map((domain) => {
        const assessed = view.data.assessments[domain];
        return (
          <Badge key={domain} color={assessed ? 'teal' : 'gray'} variant={assessed ? 'filled' : 'outline'}>
            {assessed ? '✓ ' : ''}
            {vocab('lifeDomain', domain)}
            {assessed ? ` · ${vocab('needLevel', assessed.needLevel)}` : ''}
          </Badge>
        );
      })}
    </Group>
  );
}

const firstUnassessed = (view: CaseView): LifeDomain | '' =>
  view.data.referral.needs.find((domain) => !view.data.assessments[domain]) ?? '';

export const domainAssessmentForm = defineForm({
  repeatWhile: (view) => firstUnassessed(view) !== '',
  initialValues: (view) => ({ domain: firstUnassessed(view) as string, needLevel: '', summary: '' }),
  toPayload: (values) => compact(values),
  Fields: function Fields({ form, view }) {
    const { t, options } = useLabels();
    const needs = new Set<string>(view.data.referral.needs);
    // The domains the referral names come first; any other can be assessed too.
    const domains = [...LIFE_DOMAINS].sort((a, b) => Number(needs.has(b)) - Number(needs.has(a)));
    return (
      <Stack>
        <DomainProgress view={view} />
        <Select
          label={t('fields.domain')}
          withAsterisk
          data={options('lifeDomain', domains)}
          {...form.getInputProps('domain')}
        />
        <Radio.Group label={t('fields.needLevel')} withAsterisk {...form.getInputProps('needLevel')}>
          <Group mt={6}>
            {options('needLevel', NEED_LEVELS).map((option) => (
              <Radio key={option.value} value={option.value} label={option.label} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label={t('fields.summary')}
          withAsterisk
          autosize
          minRows={2}
          {...form.getInputProps('summary')}
        />
      </Stack>
    );
  },
});

export const completeAssessmentForm = defineForm({
  initialValues: () => ({ profilo: '', summary: '' }),
  toPayload: (values) => compact(values),
  Fields: function Fields({ form, view }) {
    const { t, options } = useLabels();
    return (
      <Stack>
        <DomainProgress view={view} />
        <Radio.Group label={t('fields.profilo')} withAsterisk {...form.getInputProps('profilo')}>
          <Stack mt={6} gap={8}>
            {options('profilo', PROFILI).map((option) => (
              <Radio key={option.value} value={option.value} label={option.label} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea label={t('fields.summary')} autosize minRows={2} {...form.getInputProps('summary')} />
      </Stack>
    );
  },
});
