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
import { useCallback, useEffect } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { SECURITY_PAGE, useSession } from '../auth/auth';
import { PASSWORD_PAGE, useLocalLogin } from '../pages/password-page';
import { hasCases, worksCases } from '../pages/home';
import { setLanguage, type Language } from '../i18n';

interface NavEntry {
  to: string;
  label: string;
  end?: boolean;
}

/** The screens the user's role is offered, in the menu's order. */
function useNavEntries(): NavEntry[] {
  const { t } = useTranslation();
  const { user } = useSession();
  const role = user?.role;
  const entries: (NavEntry | false)[] = [
    worksCases(role) && { to: '/attivita', label: t('nav.activities') },
    hasCases(role) && { to: '/casi', label: t('nav.cases'), end: true },
    hasCases(role) && { to: '/segnalazioni/nuova', label: t('nav.newReferral') },
    role === 'coordinatore' && { to: '/supervisione/casi-bloccati', label: t('nav.stuck') },
    role === 'coordinatore' && { to: '/supervisione/cruscotto', label: t('nav.dashboard') },
    role === 'coordinatore' && { to: '/supervisione/soglie', label: t('nav.thresholds') },
    role !== undefined && role !== 'dpo' && { to: '/risorse', label: t('nav.resources') },
    role === 'amministratore' && { to: '/amministrazione', label: t('nav.administration') },
    role === 'dpo' && { to: '/registro-accessi', label: t('nav.audit') },
    { to: '/messaggi', label: t('nav.notifications') },
  ];
  return entries.filter((entry): entry is NavEntry => entry !== false);
}

/**
 * The narrowest window, in em, whose header holds these entries beside the name, the language, the user and
 * Esci: about 45em for those and each entry's label at ~0.47em a character plus its padding. Narrower, the
 * navigation folds into the menu button: a coordinator's eight entries need a wide desktop, a referring
 * service's four fit a 1280 px office screen.
 */
function foldBelow(entries: NavEntry[]): string {
  const navigation = entries.reduce((width, entry) => width + entry.label.length * 0.47 + 1.75, 0);
  return `${Math.ceil(45 + navigation)}em`;
}

function NavItems({
  entries,
  vertical,
  onNavigate,
}: {
  entries: NavEntry[];
  vertical: boolean;
  onNavigate: () => void;
}) {
  const items = entries.map(({ to, label, end }) => (
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
  ));
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
  const localLogin = useLocalLogin();
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
      <Group gap="sm" wrap="nowrap">
        <Anchor component={Link} to={SECURITY_PAGE} size="xs">
          {t('nav.security')}
        </Anchor>
        {/* Passwords are Percorsi's only where it signs people in itself, not through an identity provider. */}
        {localLogin && (
          <Anchor component={Link} to={PASSWORD_PAGE} size="xs">
            {t('nav.password')}
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const { logout } = useSession();
  const navigate = useNavigate();
  const [menuOpen, menu] = useDisclosure(false);
  // Any move to another page closes the folded menu, whichever link led there (the user's own, under her name).
  // The link that had the focus closes with it, which would leave the focus on nothing: it goes to the page,
  // unless the page has already put it somewhere (its effects run before this one).
  const { pathname } = useLocation();
  const closeMenu = menu.close;
  const leaveMenu = useCallback(() => {
    if (document.getElementById('main-menu')?.contains(document.activeElement)) {
      document.getElementById('contenuto')?.focus();
    }
    closeMenu();
  }, [closeMenu]);
  useEffect(() => leaveMenu(), [pathname, leaveMenu]);
  const entries = useNavEntries();
  const fold = foldBelow(entries);
  const folded = !useMediaQuery(`(min-width: ${fold})`, false, { getInitialValueInEffect: false });
  // Who is logged in shows once: in the header where it fits, else at the top of the menu.
  const userInHeader = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 280, breakpoint: fold, collapsed: { desktop: true, mobile: !menuOpen } }}
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
                <NavItems entries={entries} vertical={false} onNavigate={() => undefined} />
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
            <NavItems entries={entries} vertical onNavigate={leaveMenu} />
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
