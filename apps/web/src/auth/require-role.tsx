// Screens that belong to some roles (the API refuses anyone else): others, even typing the address, are
// sent to their own home, as the menu offers them only their own screens.
import { Navigate, Outlet } from 'react-router';
import type { Role } from '../../../../workflows/case/index.js';
import { homeOf } from '../pages/home';
import { useSession } from './auth';

export function RequireRole({ role, allows }: { role?: Role; allows?: (role: Role | undefined) => boolean }) {
  const { user } = useSession();
  const allowed = allows ? allows(user?.role) : user?.role === role;
  return allowed ? <Outlet /> : <Navigate to={homeOf(user?.role)} replace />;
}

export function HomeRedirect() {
  const { user } = useSession();
  return <Navigate to={homeOf(user?.role)} replace />;
}
