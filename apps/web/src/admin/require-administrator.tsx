// Administration is the amministratore's (the API refuses anyone else): others go back to their cases.
import { Navigate, Outlet } from 'react-router';
import { useSession } from '../auth/auth';
import { worksCases } from '../pages/home';

export function RequireAdministrator() {
  const { user } = useSession();
  return user?.role === 'amministratore' ? <Outlet /> : <Navigate to="/casi" replace />;
}

/**
 * Where a user lands after login: the amministratore administers, those who work cases start from Le mie
 * attività, the referring service from its cases.
 */
export function HomeRedirect() {
  const { user } = useSession();
  const home =
    user?.role === 'amministratore' ? '/amministrazione' : worksCases(user?.role) ? '/attivita' : '/casi';
  return <Navigate to={home} replace />;
}
