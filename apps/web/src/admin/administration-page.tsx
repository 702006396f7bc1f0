// "Amministrazione": the amministratore's landing page, for their own ambito: organisations, users and the
// deadline rules and the version of the chart new referrals start on, one tab each (the tab in the address, so a reload stays on it).
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/auth';
import { useLabels } from '../i18n/labels';
import { ChartVersionPanel } from './chart-version-panel';
import { DeadlinesPanel } from './deadlines-panel';
import { OrganisationsPanel } from './organisations-panel';
import { UsersPanel } from './users-panel';

const TABS = ['utenti', 'organizzazioni', 'scadenze', 'percorso'] as const;

export function AdministrationPage() {
  const { t } = useLabels();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((candidate) => candidate === params.get('sezione')) ?? 'utenti';
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('admin.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('admin.subtitle', { ambito: user?.organisation.ambito ?? '…' })}
        </Text>
      </div>
      <Tabs value={tab} onChange={(value) => setParams({ sezione: value ?? 'utenti' })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="utenti">{t('admin.users')}</Tabs.Tab>
          <Tabs.Tab value="organizzazioni">{t('admin.organisations')}</Tabs.Tab>
          <Tabs.Tab value="scadenze">{t('admin.deadlines')}</Tabs.Tab>
          <Tabs.Tab value="percorso">{t('admin.chartVersion')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="utenti" pt="md">
          <UsersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="organizzazioni" pt="md">
          <OrganisationsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="scadenze" pt="md">
          <DeadlinesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="percorso" pt="md">
          <ChartVersionPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
