// The demo territory's organisations and people as the example payloads need them.
import type { DataSource } from 'typeorm';
import { examplePayloads, type ExamplePayloads, type ExampleTerritory } from '../../workflows/case/index.js';

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
