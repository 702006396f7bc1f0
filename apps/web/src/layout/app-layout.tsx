// The frame of every page after login: the app's name, navigation, the language, and who is logged in. On a
// wide screen the navigation sits in the header; narrower (a 1024 px laptop, a phone) it folds into a menu
// button that opens it as a side panel, so nothing the user needs is ever off-screen.
import {
  Anchor,
  AppShell,
  Badge,
  Box,
  Burger,
  Button,
  Container,
  Divider,
  Group,
  SegmentedControl,
  Stack,
  Text,
  ThemeIcon,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { SECURITY_PAGE, useSession } from '../auth/auth';
import { hasCases, worksCases } from '../pages/home';
import { setLanguage, type Language } from '../i18n';

/** Below this the header has no room for a coordinator's navigation and folds it into the menu button. */
const FOLD = '100em';

function NavItems({ vertical, onNavigate }: { vertical: boolean; onNavigate: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const item = (to: string, label: string, end = false) => (
    <Button
      key={to}
      component={NavLink}
      to={to}
      end={end}
      variant="subtle"
      className="nav-link"
      justify={vertical ? 'flex-start' : 'center'}
      fullWidth={vertical}
      onClick={onNavigate}
    >
      {label}
    </Button>
  );
  const items = [
    worksCases(user?.role) && item('/attivita', t('nav.activities')),
    hasCases(user?.role) && item('/casi', t('nav.cases'), true),
    hasCases(user?.role) && item('/segnalazioni/nuova', t('nav.newReferral')),
    ...(user?.role === 'coordinatore'
      ? [
          item('/supervisione/casi-bloccati', t('nav.stuck')),
          item('/supervisione/cruscotto', t('nav.dashboard')),
          item('/supervisione/soglie', t('nav.thresholds')),
        ]
      : []),
    user && user.role !== 'dpo' && item('/risorse', t('nav.resources')),
    user?.role === 'amministratore' && item('/amministrazione', t('nav.administration')),
    user?.role === 'dpo' && item('/registro-accessi', t('nav.audit')),
    item('/messaggi', t('nav.notifications')),
  ];
  return vertical ? (
    <Stack gap={2}>{items}</Stack>
  ) : (
    <Group gap={4} wrap="nowrap">
      {items}
    </Group>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
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
  );
}

function CurrentUser({ align }: { align: 'flex-start' | 'flex-end' }) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user) return null;
  return (
    <Stack gap={0} align={align} data-testid="current-user">
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
      <Anchor component={Link} to={SECURITY_PAGE} size="xs">
        {t('nav.security')}
      </Anchor>
    </Stack>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const { logout } = useSession();
  const navigate = useNavigate();
  const [menuOpen, menu] = useDisclosure(false);
  const folded = !useMediaQuery(`(min-width: ${FOLD})`, false, { getInitialValueInEffect: false });
  // Who is logged in shows once: in the header where it fits, else at the top of the menu.
  const userInHeader = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 280, breakpoint: FOLD, collapsed: { desktop: true, mobile: !menuOpen } }}
      padding="md"
    >
      {/* The first stop of the Tab key: past the header and the menu, straight to the page. */}
      <a className="skip-link" href="#contenuto">
        {t('a11y.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            {folded && (
              <Burger
                opened={menuOpen}
                onClick={menu.toggle}
                size="sm"
                aria-label={menuOpen ? t('nav.closeMenu') : t('nav.openMenu')}
                aria-expanded={menuOpen}
                aria-controls="main-menu"
              />
            )}
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
            {!folded && (
              <Box component="nav" aria-label="Menu">
                <NavItems vertical={false} onNavigate={() => undefined} />
              </Box>
            )}
          </Group>
          <Group gap="md" wrap="nowrap">
            <Box visibleFrom="sm">
              <LanguageSwitch />
            </Box>
            {userInHeader && <CurrentUser align="flex-end" />}
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
      <AppShell.Navbar p="md" id="main-menu" aria-label="Menu" component="nav">
        {/* Only while open: closed, the panel holds no second copy of the header's links. */}
        {folded && menuOpen && (
          <Stack gap="md">
            {!userInHeader && <CurrentUser align="flex-start" />}
            <NavItems vertical onNavigate={menu.close} />
            <Divider hiddenFrom="sm" />
            <Box hiddenFrom="sm">
              <LanguageSwitch />
            </Box>
          </Stack>
        )}
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0" id="contenuto" tabIndex={-1}>
        <Container size="xl" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
