// Entry point: providers (theme, dates, notifications, server state, session, language) and routes.
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import i18next from './i18n';
import { ApiError } from './api/http';
import { App } from './app';
import { SessionProvider } from './auth/auth';
import { themeIn } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal from the API is an answer, not a network hiccup: do not retry it.
      retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
      // A case changes only through this UI or a colleague; conflicts are caught on submit (expectedVersion).
      refetchOnWindowFocus: false,
    },
  },
});
// What the server words (a rule's reason, a deadline's name) comes in the language asked for: ask again.
i18next.on('languageChanged', () => void queryClient.invalidateQueries());

function Root() {
  const { t, i18n } = useTranslation();
  const theme = useMemo(() => themeIn(t), [t]);
  return (
    <MantineProvider theme={theme}>
      <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionProvider>
              <App />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
