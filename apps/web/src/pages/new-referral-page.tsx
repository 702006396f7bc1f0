// "Nuova segnalazione": the scheda unica, checked by the API's own schema as the user types.
import { useState } from 'react';
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
} from '@mantine/core';
import { useForm, type FormErrors } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  caseEventSchemas,
  LIFE_DOMAINS,
  referralSchema,
  URGENCY_LEVELS,
} from '../../../../workflows/case/index.js';
import { api, ApiError } from '../api/http';
import type { CaseView } from '../api/types';
import { useSession } from '../auth/auth';
import { DateField, OrganisationsMultiSelect } from '../forms/fields';
import { applyFieldProblems, compact, schemaErrors } from '../forms/schema-form';
import { today } from '../format';
import { useLabels } from '../i18n/labels';

const CODICE_FISCALE_LENGTH = 16;

function emptyReferral(referringService: string) {
  return {
    person: {
      firstName: '',
      lastName: '',
      codiceFiscale: '',
      birthDate: '',
      municipality: '',
      phone: '',
      email: '',
    },
    referral: { referringService, reason: '', needs: [] as string[], urgency: 'ordinaria' },
    consent: { given: false, informedOn: today(), authorisedOrganisations: [] as string[] },
  };
}
type Values = ReturnType<typeof emptyReferral>;

const toReferral = (values: Values) => compact({ person: values.person, referral: values.referral });
const toConsent = (values: Values) => values.consent;

export function NewReferralPage() {
  const labels = useLabels();
  const { t, options } = labels;
  const { user } = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [codiceFiscaleVisited, setCodiceFiscaleVisited] = useState(false);

  const form = useForm<Values>({
    initialValues: emptyReferral(user?.organisation.name ?? ''),
    validateInputOnChange: true,
    validate: (values): FormErrors => {
      const consentErrors = values.consent.given
        ? schemaErrors(caseEventSchemas.RECORD_CONSENT, toConsent(values), labels)
        : {};
      return {
        ...schemaErrors(referralSchema, toReferral(values), labels),
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
      notifications.show({ color: 'teal', message: submit ? t('referral.submitted') : t('referral.saved') });
      navigate(`/casi/${created.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.body.fields) {
        const unplaced = applyFieldProblems(
          form,
          error.body.fields,
          labels,
          (path) => path.startsWith('person.') || path.startsWith('referral.'),
        );
        setFailure(
          unplaced.length
            ? unplaced.map((problem) => `${problem.field}: ${problem.reason}`).join('; ')
            : t('referral.invalid'),
        );
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
        setFailure(t('referral.invalid'));
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
            <DateField
              label={t('referral.birthDate')}
              withAsterisk
              {...form.getInputProps('person.birthDate')}
            />
            <TextInput
              label={t('referral.municipality')}
              withAsterisk
              {...form.getInputProps('person.municipality')}
            />
            <TextInput label={t('referral.phone')} type="tel" {...form.getInputProps('person.phone')} />
            <TextInput label={t('referral.email')} type="email" {...form.getInputProps('person.email')} />
          </SimpleGrid>
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
        </Paper>

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
