import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../api/http';
import { useSession } from '../auth/auth';
import { setLanguage } from '../i18n';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { user, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [failure, setFailure] = useState<string | null>(null);
  // Once the password is right for an account with a second factor, the form asks for its code.
  const [askCode, setAskCode] = useState(false);
  const form = useForm({ initialValues: { email: '', password: '', code: '' } });
  const methods = useQuery({
    queryKey: ['login-methods'],
    queryFn: () => api<{ local: boolean; singleSignOn: { label: string } | null }>('GET', '/auth/methods'),
    staleTime: Infinity,
  });
  // Home depends on the role (the amministratore lands on Amministrazione).
  const destination = (location.state as { from?: string } | null)?.from ?? '/';

  if (user) return <Navigate to={destination} replace />;

  // The identity provider's sign-in comes back here when it did not open a session.
  const singleSignOnOutcome = new URLSearchParams(location.search).get('accesso');
  const singleSignOnFailure =
    singleSignOnOutcome === 'sconosciuto'
      ? t('login.unknownIdentity')
      : singleSignOnOutcome
        ? t('login.singleSignOnFailed')
        : null;

  const submit = form.onSubmit(async ({ email, password, code }) => {
    setFailure(null);
    try {
      await login(email.trim(), password, askCode ? code.trim() : undefined);
      navigate(destination, { replace: true });
    } catch (error) {
      const secondFactor = error instanceof ApiError ? error.body.secondFactor : undefined;
      if (secondFactor === 'required') {
        setAskCode(true);
        return;
      }
      form.setFieldValue('code', '');
      setFailure(
        secondFactor === 'wrong'
          ? t('login.codeWrong')
          : secondFactor === 'used'
            ? t('login.codeUsed')
            : error instanceof ApiError && error.status < 500
              ? t('login.wrong')
              : t('common.error'),
      );
      // Back where it is typed again (the busy button had taken the focus away); the alert is read out.
      form.getInputNode(secondFactor ? 'code' : 'password')?.focus();
    }
  });

  return (
    <Center
      mih="100vh"
      bg="linear-gradient(160deg, var(--mantine-color-teal-0), var(--mantine-color-gray-0))"
      p="md"
    >
      <Paper component="main" withBorder shadow="md" radius="lg" p="xl" w={420} maw="100%">
        <form onSubmit={submit}>
          <Stack>
            <ThemeIcon
              size={48}
              radius="md"
              variant="gradient"
              gradient={{ from: 'teal', to: 'cyan' }}
              aria-hidden
            >
              P
            </ThemeIcon>
            <div>
              <Title order={1} size="h2">
                {t('login.title')}
              </Title>
              <Text c="dimmed" size="sm" mt={4}>
                {t('login.subtitle')}
              </Text>
            </div>
            {(failure ?? singleSignOnFailure) && (
              <Alert color="red" role="alert">
                {failure ?? singleSignOnFailure}
              </Alert>
            )}
            {methods.data?.singleSignOn && (
              <Button component="a" href="/api/auth/oidc" size="md" variant="outline">
                {t('login.singleSignOn', { provider: methods.data.singleSignOn.label })}
              </Button>
            )}
            {methods.data?.local === false ? null : askCode ? (
              <TextInput
                label={t('login.code')}
                description={t('login.codeHint')}
                autoComplete="one-time-code"
                required
                autoFocus
                {...form.getInputProps('code')}
              />
            ) : (
              <>
                <TextInput
                  label={t('login.email')}
                  type="email"
                  autoComplete="username"
                  required
                  autoFocus
                  {...form.getInputProps('email')}
                />
                <PasswordInput
                  label={t('login.password')}
                  autoComplete="current-password"
                  required
                  visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
                  {...form.getInputProps('password')}
                />
              </>
            )}
            {methods.data?.local !== false && (
              <Button type="submit" loading={form.submitting} size="md">
                {askCode ? t('login.verify') : t('login.submit')}
              </Button>
            )}
            <Text size="xs" c="dimmed">
              {t('login.demo')}
            </Text>
            <Anchor
              component="button"
              type="button"
              size="xs"
              onClick={() => setLanguage(i18n.language === 'it' ? 'en' : 'it')}
            >
              {i18n.language === 'it' ? 'English' : 'Italiano'}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
