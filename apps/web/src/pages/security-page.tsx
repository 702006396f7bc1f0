// "Sicurezza": the second factor. Setting it up shows the key as a QR code and as text to type, asks for one
// code to show the app holds it, then shows the recovery codes once. Users whose role requires it (the
// amministratore, the DPO) are sent here after login until they have done it; the others may turn it off
// again, with their password or a code.
import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Image,
  List,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../api/http';
import { useSession } from '../auth/auth';
import { useLabels } from '../i18n/labels';

interface Enrolment {
  secret: string;
  uri: string;
  qrCode: string;
}

export function SecurityPage() {
  const { t } = useTranslation();
  const { secondFactor, mustEnrol, refresh } = useSession();
  const navigate = useNavigate();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ initialValues: { code: '' } });

  async function start() {
    setProblem(null);
    try {
      setEnrolment(await api<Enrolment>('POST', '/auth/second-factor'));
    } catch {
      setProblem(t('common.error'));
    }
  }

  const confirm = form.onSubmit(async ({ code }) => {
    setProblem(null);
    try {
      const confirmed = await api<{ recoveryCodes: string[] }>('POST', '/auth/second-factor/confirm', {
        code: code.trim(),
      });
      setRecoveryCodes(confirmed.recoveryCodes);
      setEnrolment(null);
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.status === 422 ? t('security.wrongCode') : t('common.error'),
      );
    }
  });

  return (
    <Stack gap="md" maw={720}>
      <div>
        <Title order={1} size="h2">
          {t('security.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('security.subtitle')}
        </Text>
      </div>
      {mustEnrol && (
        <Alert color="orange" role="alert">
          {t('security.required')}
        </Alert>
      )}
      {problem && (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      )}
      <Paper withBorder radius="md" p="lg">
        {recoveryCodes ? (
          <Stack>
            <Title order={2} size="h4">
              {t('security.recoveryTitle')}
            </Title>
            <Text size="sm">{t('security.recoveryHint')}</Text>
            <List data-testid="recovery-codes" spacing={4}>
              {recoveryCodes.map((code) => (
                <List.Item key={code}>
                  <Code fz="md">{code}</Code>
                </List.Item>
              ))}
            </List>
            <Group>
              <Button
                onClick={async () => {
                  await refresh();
                  navigate('/', { replace: true });
                }}
              >
                {t('security.done')}
              </Button>
            </Group>
          </Stack>
        ) : enrolment ? (
          <form onSubmit={confirm}>
            <Stack>
              <Text size="sm">{t('security.scan')}</Text>
              <Image src={enrolment.qrCode} alt={t('security.qrAlt')} w={220} h={220} />
              <Text size="sm">
                {t('security.manual')} <Code data-testid="totp-secret">{enrolment.secret}</Code>
              </Text>
              <TextInput
                label={t('security.code')}
                autoComplete="one-time-code"
                inputMode="numeric"
                required
                autoFocus
                maw={240}
                {...form.getInputProps('code')}
              />
              <Group>
                <Button type="submit" loading={form.submitting}>
                  {t('security.confirm')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Stack align="flex-start">
            <Group gap="xs">
              <Text fw={600}>{t('security.status')}</Text>
              <Badge color={secondFactor?.enabled ? 'teal' : 'gray'} variant="light">
                {secondFactor?.enabled ? t('security.on') : t('security.off')}
              </Badge>
            </Group>
            <Text size="sm">{t('security.explain')}</Text>
            <Button onClick={start}>
              {secondFactor?.enabled ? t('security.replace') : t('security.start')}
            </Button>
          </Stack>
        )}
      </Paper>
      {secondFactor?.enabled && !secondFactor.required && !enrolment && !recoveryCodes && <DisableForm />}
    </Stack>
  );
}

/** Turning the second factor off, for a role that may go without it: proved by the password or a code. */
function DisableForm() {
  const { t, schemaMessage } = useLabels();
  const { refresh } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ initialValues: { password: '', code: '' } });
  const submit = form.onSubmit(async ({ password, code }) => {
    setProblem(null);
    try {
      await api('POST', '/auth/second-factor/disable', password ? { password } : { code: code.trim() });
      notifications.show({ color: 'teal', message: t('security.disabled') });
      await refresh();
    } catch (error) {
      if (!(error instanceof ApiError)) return setProblem(t('common.error'));
      const fields = error.body.fields ?? [];
      for (const { field, reason } of fields) form.setFieldError(field, schemaMessage(reason));
      if (!fields.some(({ field }) => field === 'password' || field === 'code')) setProblem(error.message);
    }
  });
  return (
    <Paper withBorder radius="md" p="lg">
      <form onSubmit={submit} aria-labelledby="disable-title" data-testid="disable-second-factor">
        <Stack align="flex-start">
          <Title order={2} size="h4" id="disable-title">
            {t('security.disableTitle')}
          </Title>
          <Text size="sm">{t('security.disableHint')}</Text>
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <PasswordInput
            label={t('security.currentPassword')}
            autoComplete="current-password"
            w={320}
            {...form.getInputProps('password')}
          />
          <TextInput
            label={t('security.orCode')}
            autoComplete="one-time-code"
            w={320}
            {...form.getInputProps('code')}
          />
          <Button type="submit" color="red" variant="light" loading={form.submitting}>
            {t('security.disable')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
