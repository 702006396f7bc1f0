// Supervision screens are the coordinatore's (the API refuses anyone else): others go back to their cases.
import { Navigate, Outlet } from 'react-router';
import { useSession } from '../auth/auth';

export function RequireCoordinator() {
  const { user } = useSession();
  return user?.role === 'coordinatore' ? <Outlet /> : <Navigate to="/casi" replace />;
}
