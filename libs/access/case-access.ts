// The one access check every service calls: how a user relates to a case, what that lets them see and
// do (EVENT_RULES in workflows/case/access-rules.ts), and which protected data categories they read.
import {
  CATEGORY_READERS,
  CONTENT_RELATIONS,
  CREATE_CASE_ROLES,
  DOMAIN_CATEGORIES,
  EVENT_RULES,
  LIFE_DOMAINS,
  memberOrganisationsOf,
  phaseOf,
  RELATION_ROLES,
  type CaseContext,
  type CaseEventType,
  type DataCategory,
  type LifeDomain,
  type OrganisationType,
  type Phase,
  type Relation,
  type Role,
} from '../../workflows/case/index.js';
import { DomainError, NO_SUCH, type SqlParams } from '../common/index.js';

export interface Viewer {
  userId: string;
  role: Role;
  organisationId: string;
  organisationType: OrganisationType;
  ambito: string;
}

export interface CaseFacts {
  id: string;
  state: string;
  ambito: string;
  referringOrganisationId: string;
  context: CaseContext;
}

export type Visibility = 'content' | 'status' | 'none';

export interface Withheld {
  field: string;
  category: DataCategory;
}

/** The phase during which the referring organisation reads the referral it wrote. */
const REFERRER_CONTENT_PHASE: Phase = 'segnalazione';

type RelationViewer = Pick<Viewer, 'userId' | 'role' | 'organisationId' | 'ambito'>;

/**
 * Each relation as a test on the case, twice: on its facts (the snapshot) and as SQL on the row of
 * `cases c` (whose member_organisations and responsabile_user_id the commit writes from the same
 * snapshot). relationsOf and visibilitySql both read this one table; a test proves they agree.
 */
const RELATION_TESTS: Record<
  Relation,
  {
    holds: (viewer: RelationViewer, facts: CaseFacts) => boolean;
    sql: (viewer: RelationViewer, params: SqlParams) => string;
  }
> = {
  inviante: {
    holds: (viewer, facts) => viewer.organisationId === facts.referringOrganisationId,
    sql: (viewer, params) => `c.referring_organisation_id = ${params.add(viewer.organisationId)}::uuid`,
  },
  membro: {
    holds: (viewer, facts) => memberOrganisationsOf(facts.context).includes(viewer.organisationId),
    sql: (viewer, params) => `c.member_organisations @> ARRAY[${params.add(viewer.organisationId)}]::text[]`,
  },
  coordinatore: {
    holds: (viewer, facts) => viewer.ambito === facts.ambito,
    sql: (viewer, params) => `c.ambito = ${params.add(viewer.ambito)}`,
  },
  responsabile: {
    holds: (viewer, facts) => facts.context.responsabile?.userId === viewer.userId,
    sql: (viewer, params) => `c.responsabile_user_id = ${params.add(viewer.userId)}`,
  },
};

const RELATIONS = Object.keys(RELATION_TESTS) as Relation[];

/** The relations this viewer's role can act through at all. */
const rolesRelations = (viewer: RelationViewer) =>
  RELATIONS.filter((relation) => RELATION_ROLES[relation].includes(viewer.role));

export function relationsOf(viewer: RelationViewer, facts: CaseFacts): Set<Relation> {
  return new Set(rolesRelations(viewer).filter((relation) => RELATION_TESTS[relation].holds(viewer, facts)));
}

export function visibilityOf(viewer: RelationViewer, facts: CaseFacts): Visibility {
  const relations = relationsOf(viewer, facts);
  if (CONTENT_RELATIONS.some((relation) => relations.has(relation))) return 'content';
  if (!relations.has('inviante')) return 'none';
  // The referring service writes the referral, so it reads it until the case is taken on.
  return phaseOf(facts.state) === REFERRER_CONTENT_PHASE ? 'content' : 'status';
}

/**
 * visibilityOf as SQL over `cases c`, for lists: `visible` is true where visibilityOf is not 'none',
 * `content` where it is 'content'. Built for one viewer, so only the relations of their role appear.
 */
export function visibilitySql(viewer: RelationViewer): {
  visible: (params: SqlParams) => string;
  content: (params: SqlParams) => string;
} {
  const relations = rolesRelations(viewer);
  const test = (relation: Relation, params: SqlParams) => `(${RELATION_TESTS[relation].sql(viewer, params)})`;
  const any = (terms: string[]) => (terms.length ? `(${terms.join(' OR ')})` : 'false');
  return {
    visible: (params) => any(relations.map((relation) => test(relation, params))),
    content: (params) => {
      const terms = relations
        .filter((relation) => CONTENT_RELATIONS.includes(relation))
        .map((relation) => test(relation, params));
      if (relations.includes('inviante')) {
        terms.push(`(${test('inviante', params)} AND c.phase = ${params.add(REFERRER_CONTENT_PHASE)})`);
      }
      return any(terms);
    },
  };
}

/** A case the user may not see does not exist for them: 404, never 403. */
export function requireVisible(viewer: Viewer, facts: CaseFacts): Visibility {
  const visibility = visibilityOf(viewer, facts);
  if (visibility === 'none') throw new DomainError('not_found', NO_SUCH.case, { caseId: facts.id });
  return visibility;
}

export function requireEventAllowed(viewer: Viewer, facts: CaseFacts, type: CaseEventType): void {
  requireVisible(viewer, facts);
  const rule = EVENT_RULES[type];
  const relations = relationsOf(viewer, facts);
  if (!rule.allowed.some((relation) => relations.has(relation))) {
    throw new DomainError(
      'forbidden',
      {
        it: `${type} non ti è consentito su questo caso (regola: ${rule.name}).`,
        en: `${type} is not allowed to you on this case (rule: ${rule.name}).`,
      },
      {
        rule: rule.name,
        allowed: rule.allowed,
      },
    );
  }
}

export function requireMayCreateCase(viewer: Viewer): void {
  if (!CREATE_CASE_ROLES.includes(viewer.role)) {
    throw new DomainError(
      'forbidden',
      {
        it: `Il ruolo ${viewer.role} non può segnalare casi.`,
        en: `Role ${viewer.role} may not refer cases.`,
      },
      { rule: 'segnalazione' },
    );
  }
}

/**
 * Whether the viewer reads the case only as the service that referred it (during triage). The person's record
 * is the ambito's, shared by every percorso: its contacts may come from another service, and showing them
 * would tell the referrer what the network holds and that the person is known. Such a viewer gets none.
 */
export function readsAsReferrerOnly(viewer: Viewer, facts: CaseFacts): boolean {
  const relations = relationsOf(viewer, facts);
  return !CONTENT_RELATIONS.some((relation) => relations.has(relation));
}

/**
 * The categories of a case's filed content (documents, diary) the viewer reads: `404` as for the case when she
 * does not see it, `403` naming `rule` when she sees only its status.
 */
export function requireContentReader(viewer: Viewer, facts: CaseFacts, rule: string): Set<DataCategory> {
  if (requireVisible(viewer, facts) !== 'content') {
    throw new DomainError(
      'forbidden',
      {
        it: `Di questo caso vedi solo lo stato (regola: ${rule}).`,
        en: `You see only the status of this case (rule: ${rule}).`,
      },
      { rule },
    );
  }
  return readableCategories(viewer, facts);
}

export function readableCategories(viewer: Viewer, facts: CaseFacts): Set<DataCategory> {
  const readable = new Set<DataCategory>(['comuni']);
  const relations = relationsOf(viewer, facts);
  for (const category of ['particolari', 'giudiziari'] as const) {
    const memberReader =
      relations.has('membro') && CATEGORY_READERS[category].includes(viewer.organisationType);
    if (relations.has('responsabile') || memberReader) readable.add(category);
  }
  return readable;
}

const categoryOf = (domain: string): DataCategory => DOMAIN_CATEGORIES[domain as LifeDomain] ?? 'comuni';
const isDomain = (value: unknown): value is LifeDomain => LIFE_DOMAINS.includes(value as LifeDomain);

/**
 * The context without the fields of unreadable categories, and which kinds of field were withheld: named
 * by category only, since even the name of a life domain (say, addiction) would tell what it was.
 */
export function redactContext(
  context: CaseContext,
  readable: Set<DataCategory>,
): { data: CaseContext; withheld: Withheld[]; sensitiveShown: string[] } {
  const withheld = new Map<string, Withheld>();
  const withhold = (field: string, category: DataCategory) =>
    withheld.set(`${field} ${category}`, { field, category });
  const sensitiveShown: string[] = [];
  const assessments: CaseContext['assessments'] = {};
  for (const [domain, assessment] of Object.entries(context.assessments)) {
    const category = categoryOf(domain);
    if (!readable.has(category)) withhold('data.assessments', category);
    else {
      assessments[domain as LifeDomain] = assessment;
      if (category !== 'comuni') sensitiveShown.push(`data.assessments.${domain}`);
    }
  }
  const needs = context.referral.needs.filter((domain) => {
    const category = categoryOf(domain);
    if (!readable.has(category)) withhold('data.referral.needs', category);
    else if (category !== 'comuni') sensitiveShown.push(`data.referral.needs.${domain}`);
    return readable.has(category);
  });
  return {
    data: { ...context, assessments, referral: { ...context.referral, needs } },
    withheld: [...withheld.values()],
    sensitiveShown,
  };
}

/**
 * History payloads follow the same rule as the fields they wrote: an entry about one protected life domain (its
 * assessment) is withheld whole, since its text is about that domain; a list of needs loses the domains the
 * viewer may not read, as the case's own referral does (redactContext), and the rest of the entry stays.
 */
export function redactEventData(
  seq: number,
  eventData: unknown,
  readable: Set<DataCategory>,
): { eventData: unknown; withheld: Withheld[]; sensitiveShown: string[] } {
  const data = (eventData ?? {}) as Record<string, unknown>;
  const field = `history.${seq}.eventData`;
  if (isDomain(data.domain) && !readable.has(categoryOf(data.domain))) {
    return { eventData: null, withheld: [{ field, category: categoryOf(data.domain) }], sensitiveShown: [] };
  }
  const withheld = new Map<string, Withheld>();
  let sensitive = isDomain(data.domain) && categoryOf(data.domain) !== 'comuni';
  const readableOf = (needs: unknown[], needsField: string) =>
    needs.filter((domain) => {
      if (!isDomain(domain)) return true;
      const category = categoryOf(domain);
      if (!readable.has(category)) {
        withheld.set(`${needsField} ${category}`, { field: needsField, category });
        return false;
      }
      if (category !== 'comuni') sensitive = true;
      return true;
    });
  const referral = data.referral as { needs?: unknown[] } | undefined;
  const redacted = {
    ...data,
    ...(Array.isArray(data.needs) ? { needs: readableOf(data.needs, `${field}.needs`) } : {}),
    ...(referral && Array.isArray(referral.needs)
      ? { referral: { ...referral, needs: readableOf(referral.needs, `${field}.referral.needs`) } }
      : {}),
  };
  return {
    eventData: eventData === null || eventData === undefined ? eventData : redacted,
    withheld: [...withheld.values()],
    sensitiveShown: sensitive ? [field] : [],
  };
}
