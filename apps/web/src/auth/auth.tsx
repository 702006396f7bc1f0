// The session: the server keeps it and the browser holds it in an HttpOnly cookie that no script reads;
// the page knows only who is logged in and the session's CSRF token (api/http.ts). Login and logout.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation } from 'react-router';
import { api, endSession, setCsrfToken, whenUnauthenticated } from '../api/http';
import type { Me } from '../api/types';

interface Session {
  user: Me | undefined;
  loading: boolean;
  /** The role requires a second factor that the user has not set up: nothing else until they do. */
  mustEnrol: boolean;
  secondFactor: { enabled: boolean; required: boolean } | undefined;
  /** `code`: the second factor's, when the server asked for it (an ApiError with body.secondFactor). */
  login(email: string, password: string, code?: string): Promise<void>;
  logout(): void;
  /** Reads the session again from the server (after the second factor was set up). */
  refresh(): Promise<void>;
}

interface OpenSession {
  user: Me;
  csrfToken: string;
  mustEnrol: boolean;
  secondFactor: { enabled: boolean; required: boolean };
}

/** Where a user who must set up the second factor is sent, whatever they open. */
export const SECURITY_PAGE = '/sicurezza';

const SessionContext = createContext<Session | null>(null);

async function currentSession(): Promise<OpenSession> {
  const session = await api<OpenSession>('GET', '/auth/session');
  setCsrfToken(session.csrfToken);
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  // Set the moment the user leaves (or the server says the session is over): nothing may then ask the
  // server who is logged in, so a request still in flight cannot bring the previous user back.
  const [signedOut, setSignedOut] = useState(false);
  const session = useQuery({
    queryKey: ['session'],
    queryFn: currentSession,
    enabled: !signedOut,
    staleTime: Infinity,
    retry: false,
  });

  const forget = useCallback(() => {
    setSignedOut(true);
    setCsrfToken(null);
    client.clear();
  }, [client]);

  const logout = useCallback(() => {
    void endSession();
    forget();
  }, [forget]);

  useEffect(() => whenUnauthenticated(forget), [forget]);

  const login = useCallback(
    async (email: string, password: string, code?: string) => {
      const opened = await api<OpenSession>('POST', '/auth/session', { email, password, code });
      setCsrfToken(opened.csrfToken);
      client.setQueryData(['session'], opened);
      setSignedOut(false);
    },
    [client],
  );

  const { refetch } = session;
  const refresh = useCallback(async () => {
    await refetch();
  }, [refetch]);

  const value = useMemo<Session>(
    () => ({
      user: signedOut ? undefined : session.data?.user,
      loading: !signedOut && session.isPending,
      mustEnrol: !signedOut && session.data?.mustEnrol === true,
      secondFactor: signedOut ? undefined : session.data?.secondFactor,
      login,
      logout,
      refresh,
    }),
    [signedOut, session.data, session.isPending, login, logout, refresh],
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
  const { user, loading, mustEnrol } = useSession();
  const location = useLocation();
  if (loading) return null;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (mustEnrol && location.pathname !== SECURITY_PAGE) return <Navigate to={SECURITY_PAGE} replace />;
  return children;
}
