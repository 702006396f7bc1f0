import { Route, Routes } from 'react-router';
import { AdministrationPage } from './admin/administration-page';
import { AuditPage } from './audit/audit-page';
import { RequireSession, SECURITY_PAGE } from './auth/auth';
import { HomeRedirect, RequireRole } from './auth/require-role';
import { AppLayout } from './layout/app-layout';
import { ActivitiesPage } from './pages/activities-page';
import { CaseListPage } from './pages/case-list-page';
import { CasePage } from './pages/case-page';
import { LoginPage } from './pages/login-page';
import { NewReferralPage } from './pages/new-referral-page';
import { hasCases, worksCases } from './pages/home';
import { NotificationsPage } from './pages/notifications-page';
import { PASSWORD_PAGE, PasswordPage } from './pages/password-page';
import { SecurityPage } from './pages/security-page';
import { PersonPage } from './person/person-page';
import { ResourceMapPage } from './resources/resource-map-page';
import { DashboardPage } from './supervision/dashboard-page';
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
        <Route element={<RequireRole allows={worksCases} />}>
          <Route path="/attivita" element={<ActivitiesPage />} />
        </Route>
        <Route element={<RequireRole allows={hasCases} />}>
          <Route path="/casi" element={<CaseListPage />} />
          <Route path="/casi/:caseId" element={<CasePage />} />
          <Route path="/persone/:personId" element={<PersonPage />} />
          <Route path="/segnalazioni/nuova" element={<NewReferralPage />} />
        </Route>
        <Route path="/risorse" element={<ResourceMapPage />} />
        <Route path="/messaggi" element={<NotificationsPage />} />
        <Route path={SECURITY_PAGE} element={<SecurityPage />} />
        <Route path={PASSWORD_PAGE} element={<PasswordPage />} />
        <Route element={<RequireRole role="coordinatore" />}>
          <Route path="/supervisione/casi-bloccati" element={<StuckCasesPage />} />
          <Route path="/supervisione/cruscotto" element={<DashboardPage />} />
          <Route path="/supervisione/soglie" element={<ThresholdsPage />} />
        </Route>
        <Route element={<RequireRole role="amministratore" />}>
          <Route path="/amministrazione" element={<AdministrationPage />} />
        </Route>
        <Route element={<RequireRole role="dpo" />}>
          <Route path="/registro-accessi" element={<AuditPage />} />
        </Route>
        <Route path="/" element={<HomeRedirect />} />
      </Route>
      <Route path="*" element={<HomeRedirect />} />
    </Routes>
  );
}
