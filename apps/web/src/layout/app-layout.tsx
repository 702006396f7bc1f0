// The frame of every page after login: the app's name, navigation, the language, and who is logged in.
import {
  AppShell,
  Badge,
  Box,
  Button,
  Container,
  Group,
  SegmentedControl,
  Stack,
  Text,
  ThemeIcon,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../auth/auth';
import { worksCases } from '../pages/home';
import { setLanguage, type Language } from '../i18n';

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { user, logout } = useSession();
  const navigate = useNavigate();
  return (
    <AppShell header={{ height: 64 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Group gap="xs" wrap="nowrap">
              <ThemeIcon
                size="lg"
                radius="md"
                variant="gradient"
                gradient={{ from: 'teal', to: 'cyan' }}
                aria-hidden
              >
                P
              </ThemeIcon>
              <Box visibleFrom="sm">
                <Text fw={700} lh={1.1}>
                  {t('app.name')}
                </Text>
                <Text size="xs" c="dimmed" lh={1.1}>
                  {t('app.tagline')}
                </Text>
              </Box>
            </Group>
            <Group gap={4} component="nav" aria-label="Menu" wrap="nowrap">
              {worksCases(user?.role) && (
                <Button component={NavLink} to="/attivita" variant="subtle" className="nav-link">
                  {t('nav.activities')}
                </Button>
              )}
              <Button component={NavLink} to="/casi" end variant="subtle" className="nav-link">
                {t('nav.cases')}
              </Button>
              <Button component={NavLink} to="/segnalazioni/nuova" variant="subtle" className="nav-link">
                {t('nav.newReferral')}
              </Button>
              {user?.role === 'coordinatore' && (
                <>
                  <Button
                    component={NavLink}
                    to="/supervisione/casi-bloccati"
                    variant="subtle"
                    className="nav-link"
                  >
                    {t('nav.stuck')}
                  </Button>
                  <Button
                    component={NavLink}
                    to="/supervisione/cruscotto"
                    variant="subtle"
                    className="nav-link"
                  >
                    {t('nav.dashboard')}
                  </Button>
                  <Button component={NavLink} to="/supervisione/soglie" variant="subtle" className="nav-link">
                    {t('nav.thresholds')}
                  </Button>
                </>
              )}
              {user && user.role !== 'dpo' && (
                <Button component={NavLink} to="/risorse" variant="subtle" className="nav-link">
                  {t('nav.resources')}
                </Button>
              )}
              {user?.role === 'amministratore' && (
                <Button component={NavLink} to="/amministrazione" variant="subtle" className="nav-link">
                  {t('nav.administration')}
                </Button>
              )}
            </Group>
          </Group>
          <Group gap="md" wrap="nowrap">
            <SegmentedControl
              size="xs"
              aria-label={t('nav.language')}
              value={i18n.language}
              onChange={(value) => setLanguage(value as Language)}
              data={[
                { value: 'it', label: 'IT' },
                { value: 'en', label: 'EN' },
              ]}
            />
            {user && (
              <Stack gap={0} align="flex-end" data-testid="current-user">
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {user.fullName}
                  </Text>
                  <Badge size="xs" variant="light">
                    {t(`roles.${user.role}`)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed" maw={260} truncate>
                  {user.organisation.name}
                </Text>
              </Stack>
            )}
            <Button component={NavLink} to="/messaggi" variant="subtle" size="xs" className="nav-link">
              {t('nav.notifications')}
            </Button>
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                logout();
                navigate('/login');
              }}
            >
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main bg="gray.0">
        <Container size="xl" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
