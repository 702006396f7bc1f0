// The amministratore's server state: the ambito's organisations, users and deadline rules.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/http';
import type { Role } from '../../../../workflows/case/index.js';
import type { Organisation } from '../api/types';

/** GET /api/admin/users: a user of the ambito as the amministratore manages it. */
export interface AdministeredUser {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  active: boolean;
  lockedUntil: string | null;
  secondFactor: boolean;
}

export interface EffectiveRule {
  afterDays: number | null;
  afterMonths: number | null;
  reminderDays: number[];
}

/** GET /api/admin/deadlines: one deadline of the chart and the ambito's own rule for it. */
export interface DeadlineRule {
  key: string;
  label: string;
  state: string;
  stateLabel: string;
  from: 'state_entry' | 'meeting_date';
  remindsWhom: string[];
  default: EffectiveRule;
  own: { afterDays: number | null; reminderDays: number[] | null } | null;
  effective: EffectiveRule;
  updatedAt: string | null;
  updatedBy: { userId: string; name: string | null } | null;
}

export interface DeadlineRuleChange {
  key: string;
  changedAt: string;
  changedBy: { userId: string; name: string };
  old: { afterDays: number | null; reminderDays: number[] | null };
  new: { afterDays: number | null; reminderDays: number[] | null };
  casesReplanned: number;
}

const keys = {
  organisations: ['admin', 'organisations'] as const,
  users: ['admin', 'users'] as const,
  deadlines: ['admin', 'deadlines'] as const,
  changes: ['admin', 'deadlines', 'changes'] as const,
  chartVersion: ['admin', 'chart-version'] as const,
};

/** GET /api/admin/chart-version: the released versions and the one the ambito's new referrals start on. */
export interface ChartVersionChoice {
  ambito: string;
  current: number;
  versions: { version: number; notes: string; openCases: number }[];
  changes: {
    version: number;
    previousVersion: number;
    chosenAt: string;
    chosenBy: { userId: string; name: string };
  }[];
}

export function useChartVersion() {
  return useQuery({
    queryKey: keys.chartVersion,
    queryFn: () => api<ChartVersionChoice>('GET', '/admin/chart-version'),
  });
}

export function useChooseChartVersion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api<ChartVersionChoice>('PUT', '/admin/chart-version', { version }),
    onSuccess: (choice) => client.setQueryData(keys.chartVersion, choice),
  });
}

export function useAdminOrganisations() {
  return useQuery({
    queryKey: keys.organisations,
    queryFn: () => api<Organisation[]>('GET', '/admin/organisations'),
  });
}

export function useCreateOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (organisation: { name: string; type: string }) =>
      api<Organisation>('POST', '/admin/organisations', organisation),
    // The pickers of the case forms read the directory's list too.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.organisations }),
        client.invalidateQueries({ queryKey: ['organisations'] }),
      ]),
  });
}

export function useAdminUsers() {
  return useQuery({ queryKey: keys.users, queryFn: () => api<AdministeredUser[]>('GET', '/admin/users') });
}

export interface NewUser {
  email: string;
  fullName: string;
  role: Role;
  organisationId: string;
  password: string;
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (user: NewUser) => api<AdministeredUser>('POST', '/admin/users', user),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
  });
}

/** Ends every session the user holds, at once (DELETE /api/admin/users/:id/sessions). */
export function useEndSessions() {
  return useMutation({
    mutationFn: (id: string) => api<{ ended: number }>('DELETE', `/admin/users/${id}/sessions`),
  });
}

/** Turns a user's second factor off (a lost phone) and ends their sessions. */
export function useResetSecondFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<AdministeredUser>('DELETE', `/admin/users/${id}/second-factor`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useChangeUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...change
    }: { id: string } & Partial<Omit<NewUser, 'email'>> & { active?: boolean }) =>
      api<AdministeredUser>('PATCH', `/admin/users/${id}`, change),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useDeadlineRules() {
  return useQuery({
    queryKey: keys.deadlines,
    queryFn: () => api<{ ambito: string; deadlines: DeadlineRule[] }>('GET', '/admin/deadlines'),
  });
}

export function useDeadlineChanges() {
  return useQuery({
    queryKey: keys.changes,
    queryFn: () => api<{ ambito: string; changes: DeadlineRuleChange[] }>('GET', '/admin/deadlines/changes'),
  });
}

/** Sets the ambito's rule for a deadline, or with `reset` goes back to the chart's. */
export function useChangeDeadlineRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      key,
      reset,
      ...rule
    }: {
      key: string;
      reset?: boolean;
      afterDays?: number | null;
      reminderDays?: number[] | null;
    }) =>
      reset
        ? api<DeadlineRule & { casesReplanned: number }>('DELETE', `/admin/deadlines/${key}`)
        : api<DeadlineRule & { casesReplanned: number }>('PUT', `/admin/deadlines/${key}`, rule),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.deadlines }),
  });
}
