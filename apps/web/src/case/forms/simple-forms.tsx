// Forms of the events that carry a note, a reason or a date: triage, integrations, signature, suspension.
import { Checkbox, Input, MultiSelect, SegmentedControl, Select, Stack, Textarea } from '@mantine/core';
import {
  LIFE_DOMAINS,
  REJECTION_REASONS,
  SIGNED_FORM_KINDS,
  URGENCY_LEVELS,
} from '../../../../../workflows/case/index.js';
import { PercorsoSelect } from '../../person/percorso-select';
import { DateField, OrganisationsMultiSelect } from '../../forms/fields';
import { compact } from '../../forms/schema-form';
import { today } from '../../format';
import { useLabels } from '../../i18n/labels';
import { SignedFormSelect } from '../documents-section';
import { defineForm, type FieldsProps } from './form-spec';

function NoteField<Values extends { note: string }>({
  form,
  required,
}: FieldsProps<Values> & { required?: boolean }) {
  const { t } = useLabels();
  return (
    <Textarea
      label={t(required ? 'event.note' : 'event.noteOptional')}
      withAsterisk={required}
      autosize
      minRows={2}
      {...form.getInputProps('note')}
    />
  );
}

export const noteForm = (required: boolean) =>
  defineForm({
    initialValues: () => ({ note: '' }),
    toPayload: (values) => compact(values),
    Fields: (props) => <NoteField {...props} required={required} />,
  });

export const confirmForm = defineForm({ initialValues: () => ({}), toPayload: () => ({}) });

export const updateReferralForm = defineForm({
  initialValues: (view) => ({
    reason: view.data.referral.reason,
    needs: [...view.data.referral.needs] as string[],
    urgency: view.data.referral.urgency as string,
  }),
  toPayload: (values) => compact(values),
  Fields: function Fields({ form }) {
    const { t, options } = useLabels();
    return (
      <Stack>
        <Textarea label={t('referral.reason')} autosize minRows={3} {...form.getInputProps('reason')} />
        <MultiSelect
          label={t('referral.needs')}
          data={options('lifeDomain', LIFE_DOMAINS)}
          {...form.getInputProps('needs')}
        />
        <Input.Wrapper label={t('referral.urgency')}>
          <div>
            <SegmentedControl data={options('urgency', URGENCY_LEVELS)} {...form.getInputProps('urgency')} />
          </div>
        </Input.Wrapper>
      </Stack>
    );
  },
});

export const consentForm = defineForm({
  initialValues: (view) => ({
    given: true,
    informedOn: today(),
    authorisedOrganisations: view.data.consent?.authorisedOrganisations ?? ([] as string[]),
    documentId: '',
  }),
  toPayload: (values) => compact(values),
  Fields: function Fields({ form, view }) {
    const { t } = useLabels();
    return (
      <Stack>
        <Checkbox label={t('fields.given')} {...form.getInputProps('given', { type: 'checkbox' })} />
        <DateField label={t('fields.informedOn')} withAsterisk {...form.getInputProps('informedOn')} />
        <OrganisationsMultiSelect
          label={t('fields.authorisedOrganisations')}
          {...form.getInputProps('authorisedOrganisations')}
        />
        <SignedFormSelect
          caseId={view.id}
          kind={SIGNED_FORM_KINDS.RECORD_CONSENT}
          label={t('fields.consentDocument')}
          {...form.getInputProps('documentId')}
        />
      </Stack>
    );
  },
});

export const rejectForm = defineForm({
  initialValues: () => ({ reason: '', note: '', percorsoId: '' }),
  toPayload: (values) => compact(values),
  Fields: function Fields(props) {
    const { t, options } = useLabels();
    return (
      <Stack>
        <Select
          label={t('fields.rejectionReason')}
          withAsterisk
          data={options('rejectionReason', REJECTION_REASONS)}
          {...props.form.getInputProps('reason')}
        />
        {props.form.values.reason === 'gia_in_carico' && (
          <PercorsoSelect caseId={props.view.id} {...props.form.getInputProps('percorsoId')} />
        )}
        <NoteField {...props} />
      </Stack>
    );
  },
});

export const reasonForm = defineForm({
  initialValues: () => ({ reason: '' }),
  toPayload: (values) => compact(values),
  Fields: function Fields({ form }) {
    const { t } = useLabels();
    return (
      <Textarea
        label={t('fields.reason')}
        withAsterisk
        autosize
        minRows={2}
        {...form.getInputProps('reason')}
      />
    );
  },
});

export const escalateForm = defineForm({
  initialValues: () => ({ reason: 'decisione', note: '' }),
  toPayload: (values) => compact(values),
  Fields: function Fields(props) {
    const { t, options } = useLabels();
    return (
      <Stack>
        <Select
          label={t('fields.escalationReason')}
          withAsterisk
          data={options('escalationReason', ['decisione', 'criticita'])}
          {...props.form.getInputProps('reason')}
        />
        <NoteField {...props} />
      </Stack>
    );
  },
});

export const signForm = defineForm({
  initialValues: () => ({ signedOn: today(), documentId: '' }),
  toPayload: (values) => compact(values),
  Fields: function Fields({ form, view }) {
    const { t } = useLabels();
    return (
      <Stack>
        <DateField label={t('fields.signedOn')} withAsterisk {...form.getInputProps('signedOn')} />
        <SignedFormSelect
          caseId={view.id}
          kind={SIGNED_FORM_KINDS.SIGN}
          label={t('fields.signedPlanDocument')}
          {...form.getInputProps('documentId')}
        />
      </Stack>
    );
  },
});

export const welcomeInterviewForm = defineForm({
  initialValues: () => ({ heldOn: today(), summary: '' }),
  toPayload: (values) => compact(values),
  Fields: function Fields({ form }) {
    const { t } = useLabels();
    return (
      <Stack>
        <DateField label={t('fields.interviewHeldOn')} withAsterisk {...form.getInputProps('heldOn')} />
        <Textarea
          label={t('fields.summary')}
          withAsterisk
          autosize
          minRows={3}
          {...form.getInputProps('summary')}
        />
      </Stack>
    );
  },
});

export const suspendForm = defineForm({
  initialValues: () => ({ reason: '', from: today() }),
  toPayload: (values) => compact(values),
  Fields: function Fields({ form }) {
    const { t } = useLabels();
    return (
      <Stack>
        <Textarea
          label={t('fields.reason')}
          withAsterisk
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
        />
        <DateField label={t('fields.suspendFrom')} withAsterisk {...form.getInputProps('from')} />
      </Stack>
    );
  },
});
