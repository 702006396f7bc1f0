// Screens that belong to one role (the API refuses anyone else): others are sent to their own home.
import { Navigate, Outlet } from 'react-router';
import type { Role } from '../../../../workflows/case/index.js';
import { homeOf } from '../pages/home';
import { useSession } from './auth';

export function RequireRole({ role }: { role: Role }) {
  const { user } = useSession();
  return user?.role === role ? <Outlet /> : <Navigate to={homeOf(user?.role)} replace />;
}

export function HomeRedirect() {
  const { user } = useSession();
  return <Navigate to={homeOf(user?.role)} replace />;
}
