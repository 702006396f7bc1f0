// The Valdinievole demo ambito's organisations and people as the example payloads need them.
import type { DataSource } from 'typeorm';
import { DEMO_TERRITORIES } from '../../libs/demo/index.js';
import {
  exampleReferral,
  examplePayloads,
  happyPath,
  type ExamplePayloads,
  type ExampleTerritory,
} from '../../workflows/case/index.js';
import type { ApiClient } from './api.js';

export async function demoTerritory(dataSource: DataSource): Promise<ExampleTerritory> {
  const organisations: { id: string; type: string; name: string }[] = await dataSource.query(
    "SELECT id, type, name FROM organisations WHERE ambito = 'valdinievole'",
  );
  const users: { id: string; email: string; full_name: string; organisation_id: string }[] =
    await dataSource.query('SELECT id, email, full_name, organisation_id FROM users');
  const ref = (type: string) => {
    const organisation = organisations.find((candidate) => candidate.type === type)!;
    return {
      organisationId: organisation.id,
      organisationType: organisation.type,
      name: organisation.name,
    } as never;
  };
  const person = (email: string) => {
    const user = users.find((candidate) => candidate.email === email)!;
    const organisation = organisations.find((candidate) => candidate.id === user.organisation_id)!;
    return {
      userId: user.id,
      name: user.full_name,
      organisationId: organisation.id,
      organisationType: organisation.type,
    } as never;
  };
  return {
    social: ref('sds'),
    labour: ref('cpi'),
    health: ref('serd'),
    responsabile: person('operatore@percorsi.demo'),
    assessors: [person('operatore@percorsi.demo'), person('cpi@percorsi.demo')],
  };
}

export async function demoPayloads(dataSource: DataSource, today = '2026-03-02'): Promise<ExamplePayloads> {
  return examplePayloads(await demoTerritory(dataSource), today);
}

/**
 * Rewrites a payload built on the chart tests' made-up territory (test/support/case-events.ts) onto the
 * demo's real organisations and users, which the engine checks every reference against.
 */
export function onDemoTerritory(made: ExampleTerritory, demo: ExampleTerritory): (data: unknown) => unknown {
  const ids = new Map<string, string>();
  const pair = (from: { organisationId: string; userId?: string }, to: typeof from) => {
    ids.set(from.organisationId, to.organisationId);
    if (from.userId && to.userId) ids.set(from.userId, to.userId);
  };
  for (const key of ['social', 'labour', 'health', 'responsabile'] as const) pair(made[key], demo[key]);
  made.assessors.forEach((assessor, index) => pair(assessor, demo.assessors[index]));
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') return ids.get(value) ?? value;
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewrite(item)]));
    }
    return value;
  };
  return rewrite;
}

/** Any demo ambito's parts (social, labour, health services, responsabile, assessors), as its seed plays them. */
export async function ambitoTerritory(dataSource: DataSource, ambito: string): Promise<ExampleTerritory> {
  const territory = DEMO_TERRITORIES.find((candidate) => candidate.ambito === ambito)!;
  const organisations: { id: string; type: string; name: string }[] = await dataSource.query(
    'SELECT id, type, name FROM organisations WHERE ambito = $1',
    [ambito],
  );
  const byKey = (key: string) => {
    const { name } = territory.organisations.find((organisation) => organisation.key === key)!;
    const organisation = organisations.find((candidate) => candidate.name === name)!;
    return { organisationId: organisation.id, organisationType: organisation.type, name } as never;
  };
  const person = async (email: string) => {
    const [user] = await dataSource.query(
      `SELECT u.id, u.full_name, o.id AS organisation_id, o.type FROM users u
       JOIN organisations o ON o.id = u.organisation_id WHERE u.email = $1`,
      [email],
    );
    return {
      userId: user.id,
      name: user.full_name,
      organisationId: user.organisation_id,
      organisationType: user.type,
    } as never;
  };
  const { parts } = territory;
  return {
    social: byKey(parts.social),
    labour: byKey(parts.labour),
    health: byKey(parts.health),
    responsabile: await person(parts.responsabile),
    assessors: await Promise.all(parts.assessors.map(person)),
  };
}

/** From a submitted referral to a first-level equipe convened (SdS, CPI and Ser.D), as the coordinator does. */
export function toConvenedEquipe(payloads: ExamplePayloads): [string, unknown][] {
  return [
    ['ACCEPT', {}],
    ['ASSIGN_ASSESSORS', payloads.ASSIGN_ASSESSORS],
    ['RECORD_DOMAIN_ASSESSMENT', { ...payloads.RECORD_DOMAIN_ASSESSMENT, domain: 'lavoro' }],
    ['RECORD_DOMAIN_ASSESSMENT', { ...payloads.RECORD_DOMAIN_ASSESSMENT, domain: 'casa' }],
    ['COMPLETE_ASSESSMENT', payloads.COMPLETE_ASSESSMENT],
    ['SCHEDULE_MEETING', payloads.SCHEDULE_MEETING],
  ];
}

/** Who is told of an escalation of the case toConvenedEquipe builds: its coordinator and the equipe convened. */
export const ESCALATION_NOTIFIED = [
  'coordinatore@percorsi.demo',
  'cpi@percorsi.demo',
  'operatore@percorsi.demo',
  'serd@percorsi.demo',
];

/** A new referral (of a person with this surname) taken by `client` through the common path's first `steps` events. */
export async function caseAfter(
  client: ApiClient,
  payloads: ExamplePayloads,
  lastName: string,
  steps: number,
): Promise<string> {
  const created = await client.post('/api/cases', exampleReferral({ lastName }));
  for (const step of happyPath(payloads).slice(0, steps)) {
    await client.send(created.body.id, step.type, step.data);
  }
  return created.body.id;
}
