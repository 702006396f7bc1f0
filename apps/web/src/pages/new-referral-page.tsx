// "Nuova segnalazione": the scheda unica, checked by the API's own schema as the user types.
import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Input,
  Select,
} from '@mantine/core';
import { useForm, type FormErrors } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  caseEventSchemas,
  decodeCodiceFiscale,
  LIFE_DOMAINS,
  likelyBirthDate,
  referralSchema,
  RESIDENCE_PERMITS,
  SEXES,
  URGENCY_LEVELS,
  type Person,
} from '../../../../workflows/case/index.js';
import { api, ApiError } from '../api/http';
import type { CaseView } from '../api/types';
import { useSession } from '../auth/auth';
import { ErrorSummary } from '../forms/error-summary';
import { referralArrival } from '../case/referral-sent';
import { DateField, OrganisationsMultiSelect } from '../forms/fields';
import { applyFieldProblems, compact, schemaErrors } from '../forms/schema-form';
import { formatDate, today } from '../format';
import { useKnownPerson } from '../person/known-person';
import { useLabels } from '../i18n/labels';

const CODICE_FISCALE_LENGTH = 16;

function emptyReferral(referringService: string) {
  return {
    person: {
      firstName: '',
      lastName: '',
      codiceFiscale: '',
      birthDate: '',
      sex: '',
      birthplace: '',
      citizenship: '',
      municipality: '',
      phone: '',
      email: '',
    },
    referral: {
      referringService,
      reason: '',
      needs: [] as string[],
      urgency: 'ordinaria',
      residencePermit: '',
      language: '',
      mediatorNeeded: false,
    },
    consent: { given: false, informedOn: today(), authorisedOrganisations: [] as string[] },
    /** Form only: the person has no codice fiscale (yet), so none is sent. */
    noCodiceFiscale: false,
    /** The operator keeps a codice fiscale that disagrees with the data (the API said so). */
    codiceFiscaleConfirmed: false,
  };
}
type Values = ReturnType<typeof emptyReferral>;

/** The form's person section filled from the ambito's record (empty where the record has nothing). */
const fromRecord = (person: Person): Values['person'] => ({
  firstName: person.firstName,
  lastName: person.lastName,
  codiceFiscale: person.codiceFiscale ?? '',
  birthDate: person.birthDate,
  sex: person.sex ?? '',
  birthplace: person.birthplace ?? '',
  citizenship: person.citizenship ?? '',
  municipality: person.municipality,
  phone: person.phone ?? '',
  email: person.email ?? '',
});

const toReferral = (values: Values) =>
  compact({
    person: {
      ...values.person,
      codiceFiscale: values.noCodiceFiscale ? '' : values.person.codiceFiscale,
      codiceFiscaleConfirmed: values.codiceFiscaleConfirmed || undefined,
    },
    referral: values.referral,
  });
const toConsent = (values: Values) => values.consent;

export function NewReferralPage() {
  const labels = useLabels();
  const { t, options } = labels;
  const { user } = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  // Refused for its fields (by the schema here or by the API): the summary lists them and takes the focus.
  const [refusals, setRefusals] = useState(0);
  const [unplaced, setUnplaced] = useState<string | null>(null);
  const [codiceFiscaleVisited, setCodiceFiscaleVisited] = useState(false);
  const [disagreement, setDisagreement] = useState(false);

  const form = useForm<Values>({
    initialValues: emptyReferral(user?.organisation.name ?? ''),
    validateInputOnChange: true,
    validate: (values): FormErrors => {
      const consentErrors = values.consent.given
        ? schemaErrors(caseEventSchemas.RECORD_CONSENT, toConsent(values), labels)
        : {};
      const referralErrors = schemaErrors(referralSchema, toReferral(values), labels);
      // No code and the box left unticked: the code is what is missing, not the sex and birthplace that
      // only a person without one must give.
      if (!values.noCodiceFiscale && !values.person.codiceFiscale.trim()) {
        delete referralErrors['person.sex'];
        delete referralErrors['person.birthplace'];
        referralErrors['person.codiceFiscale'] = t('person.codiceFiscaleOrNone');
      }
      return {
        ...referralErrors,
        ...Object.fromEntries(
          Object.entries(consentErrors).map(([path, error]) => [`consent.${path}`, error]),
        ),
      };
    },
  });

  const codiceFiscale = form.values.person.codiceFiscale.trim();
  const codiceFiscaleError = form.errors['person.codiceFiscale'];
  const showCodiceFiscaleError = codiceFiscaleVisited || codiceFiscale.length >= CODICE_FISCALE_LENGTH;
  const codiceFiscaleValid = codiceFiscale.length === CODICE_FISCALE_LENGTH && !codiceFiscaleError;
  const known = useKnownPerson(codiceFiscaleValid && !form.values.noCodiceFiscale ? codiceFiscale : null);
  // A valid code says the birth date and the sex: filled in where still empty, for the operator to check,
  // once per code (a date or sex the operator then empties stays empty).
  const { setFieldValue } = form;
  const { birthDate, sex } = form.values.person;
  const prefilledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!codiceFiscaleValid || prefilledFor.current === codiceFiscale) return;
    prefilledFor.current = codiceFiscale;
    const encoded = decodeCodiceFiscale(codiceFiscale.toUpperCase());
    if (!birthDate) setFieldValue('person.birthDate', likelyBirthDate(encoded, new Date()));
    if (!sex) setFieldValue('person.sex', encoded.sex);
  }, [codiceFiscaleValid, codiceFiscale, birthDate, sex, setFieldValue]);

  async function save(values: Values, submit: boolean) {
    setFailure(null);
    try {
      let created = await api<CaseView>('POST', '/cases', toReferral(values));
      if (values.consent.given) {
        created = await api<CaseView>('POST', `/cases/${created.id}/events`, {
          type: 'RECORD_CONSENT',
          data: toConsent(values),
          expectedVersion: created.version,
        });
      }
      if (submit) {
        created = await api<CaseView>('POST', `/cases/${created.id}/events`, {
          type: 'SUBMIT',
          data: {},
          expectedVersion: created.version,
        });
      }
      void client.invalidateQueries({ queryKey: ['cases'] });
      // The case page confirms it and takes the focus (case/referral-sent.tsx).
      navigate(`/casi/${created.id}`, { state: referralArrival(submit ? 'submitted' : 'saved') });
    } catch (error) {
      if (error instanceof ApiError && error.body.fields) {
        const disagreements = error.body.fields.filter((problem) =>
          problem.reason.includes('codiceFiscaleConfirmed'),
        );
        setDisagreement(disagreements.length > 0);
        const unplaced = applyFieldProblems(
          form,
          error.body.fields.map((problem) =>
            disagreements.includes(problem) ? { ...problem, reason: t('person.disagrees') } : problem,
          ),
          labels,
          (path) => path.startsWith('person.') || path.startsWith('referral.'),
        );
        setUnplaced(
          unplaced.length
            ? unplaced.map((problem) => `${problem.field}: ${problem.reason}`).join('; ')
            : null,
        );
        setRefusals((count) => count + 1);
      } else {
        setFailure(error instanceof ApiError ? error.message : t('common.error'));
      }
    }
  }

  const submitWith = (submit: boolean) =>
    form.onSubmit(
      (values) => save(values, submit),
      () => {
        setCodiceFiscaleVisited(true);
        setFailure(null);
        setUnplaced(null);
        setRefusals((count) => count + 1);
      },
    );

  return (
    <form onSubmit={submitWith(true)} noValidate>
      <Stack gap="md" maw={960}>
        <div>
          <Title order={1} size="h2">
            {t('referral.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('referral.subtitle')}
          </Text>
        </div>

        <Paper withBorder p="lg" radius="md" component="fieldset">
          <Title order={2} size="h4" mb="md" component="legend">
            {t('referral.person')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('referral.firstName')}
              withAsterisk
              {...form.getInputProps('person.firstName')}
            />
            <TextInput
              label={t('referral.lastName')}
              withAsterisk
              {...form.getInputProps('person.lastName')}
            />
            {form.values.noCodiceFiscale ? (
              <Text size="sm" c="dimmed" mt="lg">
                {t('person.withoutCodiceFiscaleHint')}
              </Text>
            ) : (
              <TextInput
                label={t('referral.codiceFiscale')}
                withAsterisk
                maxLength={CODICE_FISCALE_LENGTH}
                styles={{ input: { fontFamily: 'monospace', textTransform: 'uppercase', letterSpacing: 1 } }}
                {...form.getInputProps('person.codiceFiscale')}
                onBlur={() => setCodiceFiscaleVisited(true)}
                error={showCodiceFiscaleError ? codiceFiscaleError : undefined}
                description={
                  codiceFiscaleValid ? (
                    <Text span c="teal.7" size="xs" fw={600} data-testid="codice-fiscale-ok">
                      ✓ {t('referral.codiceFiscaleOk')}
                    </Text>
                  ) : (
                    `${codiceFiscale.length}/${CODICE_FISCALE_LENGTH}`
                  )
                }
              />
            )}
            <Checkbox
              mt={{ base: 0, sm: 'lg' }}
              label={t('person.withoutCodiceFiscale')}
              {...form.getInputProps('noCodiceFiscale', { type: 'checkbox' })}
            />
            <DateField
              label={t('referral.birthDate')}
              withAsterisk
              {...form.getInputProps('person.birthDate')}
            />
            <Select
              label={t('person.sex')}
              withAsterisk={form.values.noCodiceFiscale}
              data={SEXES.map((sex) => ({ value: sex, label: t(`person.sexes.${sex}`) }))}
              {...form.getInputProps('person.sex')}
            />
            <TextInput
              label={t('person.birthplace')}
              withAsterisk={form.values.noCodiceFiscale}
              {...form.getInputProps('person.birthplace')}
            />
            <TextInput label={t('person.citizenship')} {...form.getInputProps('person.citizenship')} />
            <TextInput
              label={t('referral.municipality')}
              withAsterisk
              {...form.getInputProps('person.municipality')}
            />
            <TextInput label={t('referral.phone')} type="tel" {...form.getInputProps('person.phone')} />
            <TextInput label={t('referral.email')} type="email" {...form.getInputProps('person.email')} />
          </SimpleGrid>
          {known && (
            <Alert color="blue" mt="md" role="status" data-testid="known-person">
              <Group justify="space-between" gap="sm">
                <Text size="sm">
                  {t('person.known', {
                    name: `${known.firstName} ${known.lastName}`,
                    date: formatDate(known.birthDate),
                  })}
                </Text>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => form.setValues({ person: fromRecord(known) })}
                >
                  {t('person.useKnown')}
                </Button>
              </Group>
            </Alert>
          )}
          {disagreement && (
            <Checkbox
              mt="md"
              label={t('person.confirmCodiceFiscale')}
              {...form.getInputProps('codiceFiscaleConfirmed', { type: 'checkbox' })}
            />
          )}
        </Paper>

        <Paper withBorder p="lg" radius="md" component="fieldset">
          <Title order={2} size="h4" mb="md" component="legend">
            {t('referral.request')}
          </Title>
          <Stack gap="md">
            <TextInput
              label={t('referral.referringService')}
              withAsterisk
              {...form.getInputProps('referral.referringService')}
            />
            <Textarea
              label={t('referral.reason')}
              description={t('referral.reasonHint')}
              withAsterisk
              autosize
              minRows={3}
              {...form.getInputProps('referral.reason')}
            />
            <MultiSelect
              label={t('referral.needs')}
              withAsterisk
              data={options('lifeDomain', LIFE_DOMAINS)}
              {...form.getInputProps('referral.needs')}
            />
            <Input.Wrapper label={t('referral.urgency')}>
              <div>
                <SegmentedControl
                  data={options('urgency', URGENCY_LEVELS)}
                  {...form.getInputProps('referral.urgency')}
                />
              </div>
            </Input.Wrapper>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('referral.residencePermit')}
                description={t('referral.residencePermitHint')}
                clearable
                data={options('residencePermit', RESIDENCE_PERMITS)}
                {...form.getInputProps('referral.residencePermit')}
              />
              <TextInput
                label={t('referral.language')}
                description={t('referral.languageHint')}
                {...form.getInputProps('referral.language')}
              />
            </SimpleGrid>
            <Checkbox
              label={t('referral.mediatorNeeded')}
              {...form.getInputProps('referral.mediatorNeeded', { type: 'checkbox' })}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="lg" radius="md" component="fieldset">
          <Title order={2} size="h4" mb="md" component="legend">
            {t('referral.consent')}
          </Title>
          <Group align="flex-start" gap="xl">
            <Checkbox
              mt={28}
              label={t('referral.consentGiven')}
              {...form.getInputProps('consent.given', { type: 'checkbox' })}
            />
            {form.values.consent.given && (
              <>
                <DateField
                  label={t('referral.informedOn')}
                  w={200}
                  {...form.getInputProps('consent.informedOn')}
                />
                <OrganisationsMultiSelect
                  label={t('fields.authorisedOrganisations')}
                  style={{ flex: 1, minWidth: 280 }}
                  {...form.getInputProps('consent.authorisedOrganisations')}
                />
              </>
            )}
          </Group>
          {/* Warned, not refused: the person may not have chosen yet; without them nobody can assess her. */}
          {form.values.consent.given && form.values.consent.authorisedOrganisations.length === 0 && (
            <Alert color="yellow" variant="light" p="xs" mt="sm" data-testid="consent-no-organisations">
              {t('referral.consentNoOrganisations')}
            </Alert>
          )}
        </Paper>

        {refusals > 0 && (unplaced || Object.keys(form.errors).length > 0) && (
          <ErrorSummary form={form} title={t('referral.invalid')} attempt={refusals}>
            {unplaced}
          </ErrorSummary>
        )}
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" loading={form.submitting} onClick={() => submitWith(false)()}>
            {t('referral.saveDraft')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t('referral.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
