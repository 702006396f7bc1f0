// The DPO's server state: the ambito's audit log, searched with the filters in the address bar.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/http';

export interface AuditFilter {
  userId?: string;
  caseId?: string;
  /** ISO date-times: from inclusive, to exclusive (the day after the last day asked for). */
  from?: string;
  to?: string;
}

/** GET /api/audit: one read of protected data, export, merge or rectification. */
export interface AuditItem {
  id: number;
  at: string;
  user: { id: string; fullName: string; email: string };
  organisation: { id: string; name: string };
  caseId: string | null;
  action: 'lettura' | 'esportazione' | 'unione' | 'rettifica';
  /** As recorded, for programs: `data.assessments.dipendenze`, `history.7.eventData`. */
  fields: string[];
  /** The same in words, in the user's language (the server's labels): "Valutazioni: Dipendenze". */
  read: string[];
  purpose: string;
}

const queryOf = (filter: AuditFilter, extra: Record<string, string> = {}) =>
  new URLSearchParams(
    Object.entries({ ...filter, ...extra }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();

export function useAuditLog(filter: AuditFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', filter, page, pageSize],
    queryFn: () =>
      api<{ total: number; items: AuditItem[] }>(
        'GET',
        `/audit?${queryOf(filter, { page: String(page), pageSize: String(pageSize) })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

/** The same entries as CSV; the path for `apiDownload`. */
export const auditCsvPath = (filter: AuditFilter) => `/audit/export.csv?${queryOf(filter)}`;
