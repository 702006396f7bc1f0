// Equipe: convening the meeting (date, place, organisations), its minutes and decision, the responsabile.
import { Alert, SegmentedControl, SimpleGrid, Stack, Input, TextInput, Textarea } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import dayjs from 'dayjs';
import { consentedOrganisations } from '../../../../../workflows/case/index.js';
import type { CaseView } from '../../api/types';
import { DateField, OrganisationsMultiSelect, UserSelect } from '../../forms/fields';
import { organisationRef, personRef, type Directory } from '../../forms/references';
import { compact } from '../../forms/schema-form';
import { formatDate, today } from '../../format';
import { useLabels } from '../../i18n/labels';
import { defineForm } from './form-spec';
import { emptyOutcome, OutcomeFields, type OutcomeValues } from './outcome-fields';

const lastMeeting = (view: CaseView) => view.data.meetings.at(-1);
const organisationRefs = (directory: Directory, ids: string[]) =>
  ids.map((id) => organisationRef(directory, id));

export const scheduleMeetingForm = defineForm({
  initialValues: (view) => {
    const previous = lastMeeting(view);
    return {
      date: previous ? dayjs(previous.date).format('YYYY-MM-DD') : '',
      time: previous ? dayjs(previous.date).format('HH:mm') : '09:30',
      place: previous?.place ?? '',
      participants:
        previous?.participants.map((participant) => participant.organisationId) ?? ([] as string[]),
    };
  },
  toPayload: (values, directory) => {
    const at = dayjs(`${values.date}T${values.time}`);
    return compact({
      date: values.date && at.isValid() ? at.toISOString() : '',
      place: values.place,
      participants: organisationRefs(directory, values.participants),
    });
  },
  Fields: function Fields({ form, view }) {
    const { t } = useLabels();
    return (
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('fields.meetingDate')} withAsterisk {...form.getInputProps('date')} />
          <TimeInput label={t('fields.meetingTime')} withAsterisk {...form.getInputProps('time')} />
        </SimpleGrid>
        {/* Warned, not refused: a meeting held before anyone convened it in Percorsi is convened with its
            real date and then recorded (RECORD_MEETING needs a convened meeting). */}
        {form.values.date && form.values.date < today() && (
          <Alert color="yellow" variant="light" p="xs" data-testid="past-meeting">
            {t('fields.meetingInPast')}
          </Alert>
        )}
        <TextInput label={t('fields.place')} {...form.getInputProps('place')} />
        <OrganisationsMultiSelect
          label={t('fields.participants')}
          withAsterisk
          within={consentedOrganisations(view.data)}
          {...form.getInputProps('participants')}
        />
      </Stack>
    );
  },
});

export const designateResponsabileForm = defineForm({
  initialValues: (view) => ({ responsabile: view.data.responsabile?.userId ?? '' }),
  toPayload: (values, directory) => compact({ responsabile: personRef(directory, values.responsabile) }),
  Fields: function Fields({ form, view }) {
    const { t } = useLabels();
    return (
      <UserSelect
        label={t('fields.responsabile')}
        withAsterisk
        within={consentedOrganisations(view.data)}
        {...form.getInputProps('responsabile')}
      />
    );
  },
});

interface MeetingValues extends Record<string, unknown> {
  decision: string;
  heldOn: string;
  attendees: string[];
  minutes: string;
  responsabile: string;
  outcome: OutcomeValues;
}

export const recordMeetingForm = defineForm<MeetingValues>({
  initialValues: (view) => {
    const previous = lastMeeting(view);
    return {
      decision: 'pais',
      // The meeting's date, unless it is still to come: a meeting is recorded once held.
      heldOn:
        previous && dayjs(previous.date).format('YYYY-MM-DD') < today()
          ? dayjs(previous.date).format('YYYY-MM-DD')
          : today(),
      attendees: previous?.participants.map((participant) => participant.organisationId) ?? [],
      minutes: '',
      responsabile: view.data.responsabile?.userId ?? '',
      outcome: emptyOutcome(),
    };
  },
  toPayload: (values, directory) => {
    const common = {
      decision: values.decision,
      heldOn: values.heldOn,
      attendees: organisationRefs(directory, values.attendees),
      minutes: values.minutes,
    };
    if (values.decision === 'pais')
      return compact({ ...common, responsabile: personRef(directory, values.responsabile) });
    if (values.decision === 'chiusura') return { ...compact(common), outcome: compact(values.outcome) };
    return compact(common);
  },
  Fields: function Fields({ form, view }) {
    const { t, options } = useLabels();
    // Only the first-level equipe can hand the case on to the second level.
    const decisions = view.state.startsWith('equipe.primo_livello')
      ? ['pais', 'escalate', 'chiusura']
      : ['pais', 'chiusura'];
    const decision = form.getValues().decision;
    const convened = lastMeeting(view);
    const convenedFor = convened ? dayjs(convened.date).format('YYYY-MM-DD') : null;
    return (
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('fields.heldOn')} withAsterisk {...form.getInputProps('heldOn')} />
          {/* The same rule as the convocation: the engine refuses a service the consent leaves out. */}
          <OrganisationsMultiSelect
            label={t('fields.attendees')}
            withAsterisk
            within={consentedOrganisations(view.data)}
            {...form.getInputProps('attendees')}
          />
        </SimpleGrid>
        {/* Warned, not refused: the minutes may record a meeting brought forward. */}
        {convenedFor && form.values.heldOn && form.values.heldOn < convenedFor && (
          <Alert color="yellow" variant="light" p="xs" data-testid="held-before-convened">
            {t('fields.heldBeforeConvened', { date: formatDate(convenedFor) })}
          </Alert>
        )}
        <Textarea
          label={t('fields.minutes')}
          withAsterisk
          autosize
          minRows={4}
          {...form.getInputProps('minutes')}
        />
        <Input.Wrapper label={t('fields.decision')} withAsterisk>
          <div>
            <SegmentedControl data={options('decision', decisions)} {...form.getInputProps('decision')} />
          </div>
        </Input.Wrapper>
        {decision === 'pais' && (
          <UserSelect
            label={t('fields.responsabile')}
            withAsterisk
            within={consentedOrganisations(view.data)}
            {...form.getInputProps('responsabile')}
          />
        )}
        {decision === 'chiusura' && <OutcomeFields form={form} path="outcome" />}
      </Stack>
    );
  },
});
