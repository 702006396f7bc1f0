// The ambito's resource map: the catalogue, one resource's uses, and the coordinator's edits.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResourceKind } from '../../../../workflows/case/index.js';
import { api } from '../api/http';

/** GET /api/resources: one resource of the map with its use by the plans. */
export interface Resource {
  id: string;
  ambito: string;
  kind: ResourceKind;
  name: string;
  description: string | null;
  owner: { organisationId: string; name: string };
  places: number | null;
  validFrom: string;
  validTo: string | null;
  contact: string;
  version: number;
  updatedAt: string;
  updatedBy: { userId: string; name: string };
  use: { cases: number; open: number };
}

export interface ResourceInput {
  kind: ResourceKind;
  name: string;
  description: string | null;
  ownerOrganisationId: string;
  places: number | null;
  validFrom: string;
  validTo: string | null;
  contact: string;
}

export interface ResourceUses {
  resource: Resource;
  cases: { caseId: string; state: string; actions: { actionId: string; description: string }[] }[];
}

const keys = {
  all: ['resources'] as const,
  uses: (id: string) => ['resources', id, 'uses'] as const,
};

export function useResources() {
  return useQuery({
    queryKey: keys.all,
    queryFn: () => api<{ ambito: string; items: Resource[] }>('GET', '/resources'),
  });
}

export function useResourceUses(id: string | null) {
  return useQuery({
    queryKey: keys.uses(id ?? ''),
    queryFn: () => api<ResourceUses>('GET', `/resources/${id}/uses`),
    enabled: id !== null,
  });
}

/** Adds a resource, or with `id` and `expectedVersion` replaces it (409 when someone changed it meanwhile). */
export function useSaveResource() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      expectedVersion,
      resource,
    }: {
      id?: string;
      expectedVersion?: number;
      resource: ResourceInput;
    }) =>
      id
        ? api<Resource>('PUT', `/resources/${id}`, { resource, expectedVersion })
        : api<Resource>('POST', '/resources', resource),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useRemoveResource() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/resources/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}
