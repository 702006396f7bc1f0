// Printing and export: the PaIS printed for the person and the responsabile to sign, and the case file as
// an encrypted ZIP whose password the user chooses (to be given to the recipient by another channel).
import { useState } from 'react';
import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ApiError, apiDownload } from '../api/http';
import type { CaseView } from '../api/types';
import { useLabels } from '../i18n/labels';

const MIN_PASSWORD = 12;

function ExportForm({ view }: { view: CaseView }) {
  const { t, schemaMessage } = useLabels();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { password: '', purpose: '' },
    validate: {
      password: (value) =>
        value.length < MIN_PASSWORD ? t('printouts.passwordShort', { count: MIN_PASSWORD }) : null,
      purpose: (value) => (value.trim().length < 3 ? t('printouts.purposeMissing') : null),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await apiDownload(`/cases/${view.id}/export`, `fascicolo-${view.id}.zip`, values);
      notifications.show({ color: 'teal', message: t('printouts.exported') });
      form.reset();
    } catch (error) {
      if (error instanceof ApiError && error.body.fields) {
        for (const problem of error.body.fields)
          form.setFieldError(problem.field, schemaMessage(problem.reason));
      } else setFailure(error instanceof ApiError ? error.message : t('common.error'));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label={t('printouts.export')} data-testid="export-form">
      <Stack gap="xs">
        <PasswordInput
          label={t('printouts.password')}
          description={t('printouts.passwordHint', { count: MIN_PASSWORD })}
          withAsterisk
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        <TextInput
          label={t('printouts.purpose')}
          description={t('printouts.purposeHint')}
          withAsterisk
          {...form.getInputProps('purpose')}
        />
        {failure && (
          <Alert color="red" variant="light" role="alert">
            {failure}
          </Alert>
        )}
        <Button type="submit" variant="light" loading={form.submitting}>
          {t('printouts.export')}
        </Button>
      </Stack>
    </form>
  );
}

export function PrintoutsPanel({ view }: { view: CaseView }) {
  const { t } = useLabels();
  const plan = view.data.plan;
  return (
    <Paper withBorder p="md" radius="md" data-testid="printouts-panel">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('printouts.title')}
        </Title>
        {plan ? (
          <Button
            variant="light"
            onClick={() =>
              void apiDownload(`/cases/${view.id}/pais.pdf`, `pais-${view.id}-v${plan.version}.pdf`)
            }
          >
            {t('printouts.pais', { version: plan.version })}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t('printouts.noPais')}
          </Text>
        )}
        <ExportForm view={view} />
      </Stack>
    </Paper>
  );
}
