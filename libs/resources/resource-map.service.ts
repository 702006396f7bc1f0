// The ambito's resource map (mappatura delle risorse e opportunità): what plans draw on, who offers it, how
// many places, until when, whom to call. Everyone of the ambito reads it; its coordinatore and amministratore
// keep it. A PaIS action links resources by id (workflows/case/events.ts); "where used" and the use per
// resource are read from the cases' current plans.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { isoDate, RESOURCE_KINDS, text, type ResourceKind } from '../../workflows/case/index.js';
import { ownAmbito, type AuthenticatedUser } from '../access/index.js';
import { CLOCK, DomainError, isUuid, parseInput, type Clock } from '../common/index.js';

export const resourceSchema = z
  .strictObject({
    kind: z.enum(RESOURCE_KINDS),
    name: text(200, 2),
    description: text(2000).nullable().default(null),
    ownerOrganisationId: z.uuid(),
    /** Places available; null: not limited by places (an incentive, a funding line). */
    places: z.int().min(0).max(100_000).nullable().default(null),
    validFrom: isoDate,
    validTo: isoDate.nullable().default(null),
    contact: text(300),
  })
  .superRefine((resource, ctx) => {
    if (resource.validTo !== null && resource.validTo < resource.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'is before validFrom' });
    }
  });

const resourceChangeSchema = z.strictObject({
  resource: resourceSchema,
  expectedVersion: z.int().min(1),
});

const listQuerySchema = z.strictObject({
  kind: z.enum(RESOURCE_KINDS).optional(),
  /** Only resources valid on this date. */
  validOn: isoDate.optional(),
});

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
  updatedAt: Date;
  updatedBy: { userId: string; name: string };
  /** Cases whose current plan links it: all of them, and those still open. */
  use: { cases: number; open: number };
}

export interface ResourceUse {
  caseId: string;
  state: string;
  actions: { actionId: string; description: string }[];
}

const readerRoles = new Set(['inviante', 'operatore', 'coordinatore', 'amministratore']);

/** Every link of a case's current plan to a resource, one row per (case, resource, action). */
const PLAN_LINKS = `SELECT c.id AS case_id, c.state, c.phase, a.value ->> 'id' AS action_id,
         a.value ->> 'description' AS description, linked.resource_id
  FROM cases c
  CROSS JOIN LATERAL jsonb_array_elements(coalesce(c.snapshot #> '{context,plan,actions}', '[]')) AS a
  CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(a.value -> 'resourceIds', '[]')) AS linked (resource_id)
  WHERE c.ambito = $1`;

const SELECT_RESOURCES = `WITH links AS (${PLAN_LINKS}),
  use AS (
    SELECT resource_id, count(DISTINCT case_id)::int AS cases,
           count(DISTINCT case_id) FILTER (WHERE phase <> 'esito')::int AS open
    FROM links GROUP BY resource_id
  )
  SELECT r.id, r.ambito, r.kind, r.name, r.description, r.owner_organisation_id, o.name AS owner_name, r.places,
         r.valid_from::text AS valid_from, r.valid_to::text AS valid_to, r.contact, r.version, r.updated_at,
         r.updated_by, u.full_name AS updated_by_name, coalesce(use.cases, 0) AS cases, coalesce(use.open, 0) AS open
  FROM resources r
  JOIN organisations o ON o.id = r.owner_organisation_id
  JOIN users u ON u.id = r.updated_by
  LEFT JOIN use ON use.resource_id = r.id::text
  WHERE r.ambito = $1`;

function toResource(row: Record<string, never>): Resource {
  return {
    id: row.id,
    ambito: row.ambito,
    kind: row.kind,
    name: row.name,
    description: row.description,
    owner: { organisationId: row.owner_organisation_id, name: row.owner_name },
    places: row.places,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    contact: row.contact,
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: { userId: row.updated_by, name: row.updated_by_name },
    use: { cases: row.cases, open: row.open },
  };
}

@Injectable()
export class ResourceMap {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthenticatedUser, query: unknown): Promise<{ ambito: string; items: Resource[] }> {
    const ambito = this.readableAmbito(user);
    const { kind, validOn } = parseInput(listQuerySchema, query);
    const rows = await this.dataSource.query(
      `${SELECT_RESOURCES}
         AND ($2::text IS NULL OR r.kind = $2)
         AND ($3::date IS NULL OR (r.valid_from <= $3 AND (r.valid_to IS NULL OR r.valid_to >= $3)))
       ORDER BY r.kind, r.name, r.id`,
      [ambito, kind ?? null, validOn ?? null],
    );
    return { ambito, items: rows.map(toResource) };
  }

  async get(user: AuthenticatedUser, resourceId: string): Promise<Resource> {
    const ambito = this.readableAmbito(user);
    const [row] = isUuid(resourceId)
      ? await this.dataSource.query(`${SELECT_RESOURCES} AND r.id = $2`, [ambito, resourceId])
      : [];
    if (!row)
      throw new DomainError(
        'not_found',
        { it: 'Risorsa inesistente nel tuo ambito.', en: 'No such resource in your ambito.' },
        { resourceId },
      );
    return toResource(row);
  }

  /** The cases whose current plan links the resource: the coordinatore's, who sees every case of the ambito. */
  async uses(
    user: AuthenticatedUser,
    resourceId: string,
  ): Promise<{ resource: Resource; cases: ResourceUse[] }> {
    const resource = await this.get(user, resourceId);
    ownAmbito(user, 'coordinatore', {
      it: 'vedere quali casi usano una risorsa',
      en: 'see which cases use a resource',
    });
    const rows: { case_id: string; state: string; action_id: string; description: string }[] =
      await this.dataSource.query(
        `SELECT case_id, state, action_id, description FROM (${PLAN_LINKS}) AS links
         WHERE resource_id = $2 ORDER BY case_id, action_id`,
        [resource.ambito, resource.id],
      );
    const cases = new Map<string, ResourceUse>();
    for (const row of rows) {
      const use = cases.get(row.case_id) ?? { caseId: row.case_id, state: row.state, actions: [] };
      use.actions.push({ actionId: row.action_id, description: row.description });
      cases.set(row.case_id, use);
    }
    return { resource, cases: [...cases.values()] };
  }

  async create(user: AuthenticatedUser, body: unknown): Promise<Resource> {
    const ambito = this.keeperAmbito(user);
    const resource = parseInput(resourceSchema, body);
    await this.requireOwner(resource.ownerOrganisationId, ambito);
    const at = this.clock.now();
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO resources (ambito, kind, name, description, owner_organisation_id, places, valid_from, valid_to,
                              contact, created_at, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id`,
      [ambito, ...this.columns(resource), at, user.id],
    );
    return this.get(user, id);
  }

  /** Replaces the resource if it is still at `expectedVersion`; 409 when someone changed it meanwhile. */
  async update(user: AuthenticatedUser, resourceId: string, body: unknown): Promise<Resource> {
    const ambito = this.keeperAmbito(user);
    const current = await this.get(user, resourceId);
    const { resource, expectedVersion } = parseInput(resourceChangeSchema, body);
    await this.requireOwner(resource.ownerOrganisationId, ambito);
    const updated = await this.dataSource.query(
      `UPDATE resources SET kind = $3, name = $4, description = $5, owner_organisation_id = $6, places = $7,
              valid_from = $8, valid_to = $9, contact = $10, updated_at = $11, updated_by = $12, version = version + 1
       WHERE id = $1 AND version = $2 RETURNING id`,
      [current.id, expectedVersion, ...this.columns(resource), this.clock.now(), user.id],
    );
    if (updated[0].length === 0) {
      const latest = await this.get(user, resourceId);
      throw new DomainError(
        'version_conflict',
        {
          it: 'Qualcun altro ha modificato la risorsa: ricaricala e riprova.',
          en: 'The resource was changed by someone else: reload it and try again.',
        },
        {
          currentVersion: latest.version,
        },
      );
    }
    return this.get(user, resourceId);
  }

  /** Only a resource no plan links: one in use is ended (validTo) instead, so the plans keep their link. */
  async remove(user: AuthenticatedUser, resourceId: string): Promise<void> {
    this.keeperAmbito(user);
    const resource = await this.get(user, resourceId);
    if (resource.use.cases > 0) {
      throw new DomainError(
        'in_use',
        {
          it: `La risorsa è collegata ai progetti di ${resource.use.cases} casi: indica piuttosto la fine della validità.`,
          en: `The resource is linked by the plans of ${resource.use.cases} cases: set its end of validity instead.`,
        },
        { cases: resource.use.cases },
      );
    }
    await this.dataSource.query('DELETE FROM resources WHERE id = $1', [resource.id]);
  }

  private columns(resource: z.infer<typeof resourceSchema>): unknown[] {
    const { kind, name, description, ownerOrganisationId, places, validFrom, validTo, contact } = resource;
    return [kind, name, description, ownerOrganisationId, places, validFrom, validTo, contact];
  }

  private readableAmbito(user: AuthenticatedUser): string {
    if (!readerRoles.has(user.role)) {
      throw new DomainError(
        'forbidden',
        {
          it: 'La mappa delle risorse è per chi costruisce i progetti.',
          en: 'The resource map is for the people who build plans.',
        },
        {
          role: user.role,
        },
      );
    }
    return user.organisation.ambito;
  }

  private keeperAmbito(user: AuthenticatedUser): string {
    if (user.role !== 'coordinatore' && user.role !== 'amministratore') {
      throw new DomainError(
        'forbidden',
        {
          it: 'Solo il coordinatore o l’amministratore dell’ambito curano la mappa delle risorse: chiedi a loro.',
          en: 'Only the coordinatore or the amministratore of the ambito keep its resource map: ask them.',
        },
        { role: user.role },
      );
    }
    return user.organisation.ambito;
  }

  private async requireOwner(organisationId: string, ambito: string): Promise<void> {
    const [row] = await this.dataSource.query('SELECT 1 FROM organisations WHERE id = $1 AND ambito = $2', [
      organisationId,
      ambito,
    ]);
    if (!row) {
      throw DomainError.invalidPayload([
        { field: 'ownerOrganisationId', reason: 'names no organisation of your ambito' },
      ]);
    }
  }
}
