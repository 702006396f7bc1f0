// Checks every user and organisation an event names against the directory, so a payload cannot file a
// user under an organisation that is not hers, declare an organisation of another kind (the type decides
// who reads health and judicial data) or bring in someone of another ambito. The names and types the
// case then keeps are the directory's, never the payload's.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  referencesOf,
  resourcesNamed,
  RELATION_ROLES,
  type CaseEventType,
  type OrganisationType,
  type Reference,
  type Role,
} from '../../workflows/case/index.js';
import { DomainError, isUuid, type FieldProblem } from '../common/index.js';

interface KnownOrganisation {
  id: string;
  name: string;
  type: OrganisationType;
  ambito: string;
}

interface KnownUser {
  id: string;
  full_name: string;
  role: Role;
  organisation_id: string;
  ambito: string;
  active: boolean;
}

const uuidsOf = (ids: (string | undefined)[]) => [...new Set(ids.filter(isUuid))];

@Injectable()
export class ReferenceCheck {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * The payload with the directory's names and organisation types, or a 422 naming each field whose
   * user or organisation does not exist, does not belong together or belongs to another ambito.
   */
  async resolve<T>(type: CaseEventType, data: T, ambito: string): Promise<T> {
    const resolved = structuredClone(data);
    await this.requireResources(type, resolved, ambito);
    const references = referencesOf({ type, data: resolved });
    if (references.length === 0) return resolved;
    const [organisations, users] = await Promise.all([
      this.organisations(uuidsOf(references.map((reference) => reference.organisationId))),
      this.users(uuidsOf(references.map((reference) => reference.userId))),
    ]);
    const problems = references.flatMap((reference) =>
      problemsOf(reference, organisations.get(reference.organisationId), users, ambito),
    );
    if (problems.length) throw DomainError.invalidPayload(problems);
    for (const reference of references) {
      const organisation = organisations.get(reference.organisationId)!;
      if (!reference.target) continue;
      reference.target.organisationType = organisation.type;
      if (reference.userId) reference.target.name = users.get(reference.userId)!.full_name;
      // Always named, so that a refusal and the case file name the organisation as people know it.
      else reference.target.name = organisation.name;
    }
    return resolved;
  }

  /** A plan links only resources of the ambito's own map. */
  private async requireResources(type: CaseEventType, data: unknown, ambito: string): Promise<void> {
    const named = resourcesNamed({ type, data });
    if (named.length === 0) return;
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM resources WHERE id = ANY($1::uuid[]) AND ambito = $2',
      [uuidsOf(named.map((resource) => resource.resourceId)), ambito],
    );
    const known = new Set(rows.map((row) => row.id));
    const problems = named
      .filter((resource) => !known.has(resource.resourceId))
      .map(({ field }) => ({ field, reason: 'names no resource of the ambito’s resource map' }));
    if (problems.length) throw DomainError.invalidPayload(problems);
  }

  private async organisations(ids: string[]): Promise<Map<string, KnownOrganisation>> {
    if (ids.length === 0) return new Map();
    const rows: KnownOrganisation[] = await this.dataSource.query(
      'SELECT id, name, type, ambito FROM organisations WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  private async users(ids: string[]): Promise<Map<string, KnownUser>> {
    if (ids.length === 0) return new Map();
    const rows: KnownUser[] = await this.dataSource.query(
      `SELECT u.id, u.full_name, u.role, u.organisation_id, o.ambito, u.active
       FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }
}

function problemsOf(
  reference: Reference,
  organisation: KnownOrganisation | undefined,
  users: Map<string, KnownUser>,
  ambito: string,
): FieldProblem[] {
  const field = reference.target ? `${reference.field}.organisationId` : reference.field;
  if (reference.userId !== undefined) {
    const user = users.get(reference.userId);
    const userField = `${reference.field}.userId`;
    if (!user) return [{ field: userField, reason: 'names no user of the directory' }];
    if (user.ambito !== ambito) return [{ field: userField, reason: 'is a user of another ambito' }];
    if (!user.active) return [{ field: userField, reason: 'is a deactivated user' }];
    if (!RELATION_ROLES.membro.includes(user.role)) {
      return [{ field: userField, reason: `is a user with role ${user.role}, who does not work on cases` }];
    }
    if (user.organisation_id !== reference.organisationId) {
      return [{ field, reason: 'is not the organisation this user works for' }];
    }
  }
  if (!organisation) return [{ field, reason: 'names no organisation of the directory' }];
  if (organisation.ambito !== ambito) return [{ field, reason: 'is an organisation of another ambito' }];
  const declared = reference.target?.organisationType;
  if (declared !== undefined && declared !== organisation.type) {
    return [
      {
        field: `${reference.field}.organisationType`,
        reason: `is ${organisation.type} in the directory, not ${declared}`,
      },
    ];
  }
  return [];
}
