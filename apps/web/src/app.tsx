import { Route, Routes } from 'react-router';
import { AdministrationPage } from './admin/administration-page';
import { HomeRedirect, RequireAdministrator } from './admin/require-administrator';
import { RequireSession, SECURITY_PAGE } from './auth/auth';
import { AppLayout } from './layout/app-layout';
import { ActivitiesPage } from './pages/activities-page';
import { CaseListPage } from './pages/case-list-page';
import { CasePage } from './pages/case-page';
import { LoginPage } from './pages/login-page';
import { NewReferralPage } from './pages/new-referral-page';
import { NotificationsPage } from './pages/notifications-page';
import { SecurityPage } from './pages/security-page';
import { PersonPage } from './person/person-page';
import { ResourceMapPage } from './resources/resource-map-page';
import { DashboardPage } from './supervision/dashboard-page';
import { RequireCoordinator } from './supervision/require-coordinator';
import { StuckCasesPage } from './supervision/stuck-cases-page';
import { ThresholdsPage } from './supervision/thresholds-page';

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route path="/attivita" element={<ActivitiesPage />} />
        <Route path="/casi" element={<CaseListPage />} />
        <Route path="/casi/:caseId" element={<CasePage />} />
        <Route path="/persone/:personId" element={<PersonPage />} />
        <Route path="/segnalazioni/nuova" element={<NewReferralPage />} />
        <Route path="/risorse" element={<ResourceMapPage />} />
        <Route path="/messaggi" element={<NotificationsPage />} />
        <Route path={SECURITY_PAGE} element={<SecurityPage />} />
        <Route element={<RequireCoordinator />}>
          <Route path="/supervisione/casi-bloccati" element={<StuckCasesPage />} />
          <Route path="/supervisione/cruscotto" element={<DashboardPage />} />
          <Route path="/supervisione/soglie" element={<ThresholdsPage />} />
        </Route>
        <Route element={<RequireAdministrator />}>
          <Route path="/amministrazione" element={<AdministrationPage />} />
        </Route>
        <Route path="/" element={<HomeRedirect />} />
      </Route>
      <Route path="*" element={<HomeRedirect />} />
    </Routes>
  );
}
