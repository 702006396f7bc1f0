// The session: the token (kept in the browser), the logged-in user, login and logout.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation } from 'react-router';
import { api, getToken, setToken, whenUnauthenticated } from '../api/http';
import type { Me } from '../api/types';

interface Session {
  user: Me | undefined;
  loading: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  // The token as React state too: every reader of the session re-renders the moment it is dropped.
  const [token, keepToken] = useState(getToken);
  const me = useQuery({
    queryKey: ['me'],
    queryFn: () => api<Me>('GET', '/me'),
    enabled: token !== null,
    staleTime: Infinity,
    retry: false,
  });

  const logout = useCallback(() => {
    setToken(null);
    keepToken(null);
    client.clear();
  }, [client]);

  useEffect(() => whenUnauthenticated(logout), [logout]);

  const login = useCallback(
    async (email: string, password: string) => {
      const result = await api<{ token: string; user: Me }>('POST', '/auth/login', { email, password });
      setToken(result.token);
      client.setQueryData(['me'], result.user);
      keepToken(result.token);
    },
    [client],
  );

  const value = useMemo<Session>(
    () => ({
      user: token ? me.data : undefined,
      loading: token !== null && me.isPending,
      login,
      logout,
    }),
    [token, me.data, me.isPending, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Pages behind the login: without a session, go to the login page and come back afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return null;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}
