// Administration is the amministratore's (the API refuses anyone else): others go back to their cases.
import { Navigate, Outlet } from 'react-router';
import { useSession } from '../auth/auth';

export function RequireAdministrator() {
  const { user } = useSession();
  return user?.role === 'amministratore' ? <Outlet /> : <Navigate to="/casi" replace />;
}

/** Where a user lands after login: the amministratore administers, everyone else works cases. */
export function HomeRedirect() {
  const { user } = useSession();
  return <Navigate to={user?.role === 'amministratore' ? '/amministrazione' : '/casi'} replace />;
}
