// "Cambia password": the user's own new password, proved by the current one (POST /api/auth/password).
// The rule is the server's (workflows/case: at least MIN_PASSWORD_LENGTH characters), checked here first
// so the user hears it at once; a refused submit lists what is wrong in a summary that takes the focus, and
// the success message takes it too, saying that the user's other sessions ended.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { MIN_PASSWORD_LENGTH } from '../../../../workflows/case/index.js';
import { api, ApiError } from '../api/http';
import { ErrorSummary } from '../forms/error-summary';
import { useLabels } from '../i18n/labels';

/** Where the user menu's "Cambia password" leads. */
export const PASSWORD_PAGE = '/password';

const EMPTY = { currentPassword: '', newPassword: '', repeatPassword: '' };

/** Whether passwords are Percorsi's here, or the identity provider's (GET /api/auth/methods). */
export function useLocalLogin(): boolean | undefined {
  const methods = useQuery({
    queryKey: ['login-methods'],
    queryFn: () => api<{ local: boolean; singleSignOn: { label: string } | null }>('GET', '/auth/methods'),
    staleTime: Infinity,
  });
  return methods.data?.local;
}

export function PasswordPage() {
  const { t, schemaMessage } = useLabels();
  const local = useLocalLogin();
  const [refusals, setRefusals] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done !== null) doneRef.current?.focus();
  }, [done]);

  const form = useForm({
    initialValues: EMPTY,
    validate: {
      currentPassword: (value) => (value ? null : t('validation.required')),
      newPassword: (value, values) =>
        value.length < MIN_PASSWORD_LENGTH
          ? t('password.tooShort', { count: MIN_PASSWORD_LENGTH })
          : value === values.currentPassword
            ? schemaMessage('must differ from the current password')
            : null,
      repeatPassword: (value, values) => (value === values.newPassword ? null : t('password.mismatch')),
    },
  });

  const submit = form.onSubmit(
    async ({ currentPassword, newPassword }) => {
      setProblem(null);
      setDone(null);
      try {
        const { endedSessions } = await api<{ endedSessions: number }>('POST', '/auth/password', {
          currentPassword,
          newPassword,
        });
        form.setValues(EMPTY);
        form.resetDirty();
        setDone(endedSessions);
      } catch (error) {
        const fields = error instanceof ApiError ? (error.body.fields ?? []) : [];
        for (const { field, reason } of fields) form.setFieldError(field, schemaMessage(reason));
        if (fields.length === 0) setProblem(error instanceof ApiError ? error.message : t('common.error'));
        setRefusals((count) => count + 1);
      }
    },
    () => setRefusals((count) => count + 1),
  );

  return (
    <Stack gap="md" maw={560}>
      <div>
        <Title order={1} size="h2">
          {t('password.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('password.subtitle')}
        </Text>
      </div>
      {local === false ? (
        <Alert color="blue">{t('password.elsewhere')}</Alert>
      ) : (
        <Paper withBorder radius="md" p="lg">
          <form onSubmit={submit} noValidate aria-labelledby="password-form-title">
            <Stack>
              <Title order={2} size="h4" id="password-form-title">
                {t('password.formTitle')}
              </Title>
              {done !== null && (
                <Alert color="teal" role="status" tabIndex={-1} ref={doneRef} data-testid="password-changed">
                  {t('password.changed', { count: done })}
                </Alert>
              )}
              {refusals > 0 && (problem || Object.values(form.errors).some(Boolean)) && (
                <ErrorSummary form={form} title={t('password.invalid')} attempt={refusals}>
                  {problem}
                </ErrorSummary>
              )}
              <PasswordInput
                label={t('password.current')}
                autoComplete="current-password"
                required
                {...form.getInputProps('currentPassword')}
              />
              <PasswordInput
                label={t('password.new')}
                description={t('password.rule', { count: MIN_PASSWORD_LENGTH })}
                autoComplete="new-password"
                required
                {...form.getInputProps('newPassword')}
              />
              <PasswordInput
                label={t('password.repeat')}
                autoComplete="new-password"
                required
                {...form.getInputProps('repeatPassword')}
              />
              <Button type="submit" loading={form.submitting} style={{ alignSelf: 'flex-start' }}>
                {t('password.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
