// Turns the ids the pickers hold into the organisation and person references the payloads carry.
import type { OrganisationRef, PersonRef } from '../../../../workflows/case/index.js';
import type { DirectoryUser, Organisation } from '../api/types';

export interface Directory {
  organisations: Organisation[];
  users: DirectoryUser[];
}

export function organisationRef(directory: Directory, id: string): OrganisationRef | string {
  const organisation = directory.organisations.find((candidate) => candidate.id === id);
  // An unknown id stays a bare string, so the schema reports the field instead of it vanishing.
  if (!organisation) return id;
  return {
    organisationId: organisation.id,
    organisationType: organisation.type as OrganisationRef['organisationType'],
    name: organisation.name,
  };
}

export function personRef(directory: Directory, id: string): PersonRef | undefined {
  const user = directory.users.find((candidate) => candidate.id === id);
  if (!user) return undefined;
  return {
    userId: user.id,
    name: user.fullName,
    organisationId: user.organisation.id,
    organisationType: user.organisation.type as PersonRef['organisationType'],
  };
}
