// Server state through TanStack Query: one key per resource, so a page and the case sheet share the cache.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUpload } from './http';
import type {
  Activities,
  CaseDocument,
  WithheldDocument,
  CaseEventType,
  CaseHistory,
  CaseList,
  CaseView,
  Dashboard,
  MyNotifications,
  DirectoryUser,
  Organisation,
  WorkflowDescription,
  CaseStatusView,
  DiaryEntry,
  WithheldDiaryEntry,
  StuckList,
  Threshold,
} from './types';

export const keys = {
  workflow: (version?: number) => ['workflow', version ?? 'latest'] as const,
  cases: (filter: CaseFilter) => ['cases', filter] as const,
  activities: (days: number) => ['activities', days] as const,
  notifications: ['notifications'] as const,
  documents: (id: string) => ['case', id, 'documents'] as const,
  case: (id: string) => ['case', id] as const,
  history: (id: string) => ['case', id, 'history'] as const,
  diary: (id: string) => ['case', id, 'diary'] as const,
  diaryVersions: (id: string, entryId: string) => ['case', id, 'diary', entryId] as const,
  organisations: ['organisations'] as const,
  users: ['users'] as const,
  stuck: (filter: StuckFilter) => ['supervision', 'stuck', filter] as const,
  dashboard: (range: DashboardFilter) => ['supervision', 'dashboard', range] as const,
  thresholds: ['supervision', 'thresholds'] as const,
};

const forever = { staleTime: Infinity } as const;

/** The chart of a released version (a case's own), the latest when none is given. */
export function useWorkflow(version?: number) {
  return useQuery({
    queryKey: keys.workflow(version),
    queryFn: () => api<WorkflowDescription>('GET', version ? `/workflow?version=${version}` : '/workflow'),
    ...forever,
  });
}

export function useOrganisations() {
  return useQuery({
    queryKey: keys.organisations,
    queryFn: () => api<Organisation[]>('GET', '/organisations'),
    ...forever,
  });
}

export function useUsers() {
  return useQuery({ queryKey: keys.users, queryFn: () => api<DirectoryUser[]>('GET', '/users'), ...forever });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: keys.case(id),
    queryFn: () => api<CaseView | CaseStatusView>('GET', `/cases/${id}`),
  });
}

export function useCaseHistory(id: string) {
  return useQuery({
    queryKey: keys.history(id),
    queryFn: () => api<CaseHistory>('GET', `/cases/${id}/history`),
  });
}

export interface CaseFilter {
  phase?: string;
  state?: string;
  text?: string;
  overdue?: boolean;
  mine?: boolean;
  sort: 'updatedAt' | 'deadline' | 'person';
  direction?: 'asc' | 'desc';
}

const PAGE_SIZE = 20;

/**
 * The cases matching the filter in the server's order, one page per request: the next page is asked for
 * with the cursor the previous one returned.
 */
export function useCaseList(filter: CaseFilter) {
  return useInfiniteQuery({
    queryKey: keys.cases(filter),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api<CaseList>(
        'GET',
        `/cases?${queryString({ ...filter, pageSize: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) })}`,
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useCaseDocuments(caseId: string) {
  return useQuery({
    queryKey: keys.documents(caseId),
    queryFn: () => api<{ items: (CaseDocument | WithheldDocument)[] }>('GET', `/cases/${caseId}/documents`),
  });
}

export function useUploadDocument(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (form: FormData) => apiUpload<CaseDocument>(`/cases/${caseId}/documents`, form),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.documents(caseId) }),
  });
}

/** The e-mails sent to the user, newest first, a page at a time. */
export function useMyNotifications() {
  return useInfiniteQuery({
    queryKey: keys.notifications,
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      api<MyNotifications>('GET', `/notifications${pageParam ? `?before=${pageParam}` : ''}`),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
}

/** Le mie attività: what needs the user in the next `days`, and what is already late. */
export function useActivities(days: number) {
  return useQuery({
    queryKey: keys.activities(days),
    queryFn: () => api<Activities>('GET', `/activities?days=${days}`),
  });
}

export function useSendEvent(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (event: { type: CaseEventType; data: unknown; expectedVersion: number }) =>
      api<CaseView>('POST', `/cases/${caseId}/events`, event),
    onSuccess: (updated) => {
      client.setQueryData(keys.case(caseId), updated);
      void client.invalidateQueries({ queryKey: keys.history(caseId) });
      void client.invalidateQueries({ queryKey: ['cases'] });
      void client.invalidateQueries({ queryKey: ['activities'] });
    },
  });
}

export interface StuckFilter {
  phase?: string;
  organisationId?: string;
  responsabileUserId?: string;
  page: number;
  pageSize: number;
}

function queryString(filter: object): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) query.set(name, String(value));
  return query.toString();
}

/** The coordinator's stuck and overdue cases, most overdue first, one page. */
export function useStuckCases(filter: StuckFilter) {
  return useQuery({
    queryKey: keys.stuck(filter),
    queryFn: () => api<StuckList>('GET', `/supervision/stuck?${queryString(filter)}`),
  });
}

export interface DashboardFilter {
  from?: string;
  to?: string;
  period: 'month' | 'quarter' | 'year';
}

export function useDashboard(filter: DashboardFilter) {
  return useQuery({
    queryKey: keys.dashboard(filter),
    queryFn: () => api<Dashboard>('GET', `/supervision/dashboard?${queryString(filter)}`),
  });
}

/** The dashboard table as CSV, the same figures for the same range; the path for `apiDownload`. */
export const dashboardCsvPath = (table: string, filter: DashboardFilter) =>
  `/supervision/dashboard/${table}.csv?${queryString(filter)}`;

export function useThresholds() {
  return useQuery({
    queryKey: keys.thresholds,
    queryFn: () => api<{ ambito: string; thresholds: Threshold[] }>('GET', '/supervision/thresholds'),
  });
}

/** Sets (days, or null for none) or resets (undefined) one state's threshold; stuck cases change with it. */
export function useChangeThreshold() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ state, days }: { state: string; days?: number | null }) =>
      days === undefined
        ? api<Threshold>('DELETE', `/supervision/thresholds/${state}`)
        : api<Threshold>('PUT', `/supervision/thresholds/${state}`, { days }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['supervision'] }),
  });
}

export function useDiary(caseId: string) {
  return useQuery({
    queryKey: keys.diary(caseId),
    queryFn: () => api<{ items: (DiaryEntry | WithheldDiaryEntry)[] }>('GET', `/cases/${caseId}/diary`),
  });
}

export function useDiaryVersions(caseId: string, entryId: string | null) {
  return useQuery({
    queryKey: keys.diaryVersions(caseId, entryId ?? ''),
    queryFn: () => api<{ items: DiaryEntry[] }>('GET', `/cases/${caseId}/diary/${entryId}/versions`),
    enabled: entryId !== null,
  });
}

/** Adds an entry, or with `entryId` and `expectedVersion` edits one (409 when it changed meanwhile). */
export function useSaveDiaryEntry(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      entry: { occurredOn: string; category: string; text: string };
      entryId?: string;
      expectedVersion?: number;
    }) =>
      input.entryId
        ? api<DiaryEntry>('PUT', `/cases/${caseId}/diary/${input.entryId}`, {
            entry: input.entry,
            expectedVersion: input.expectedVersion,
          })
        : api<DiaryEntry>('POST', `/cases/${caseId}/diary`, input.entry),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.diary(caseId) }),
  });
}
