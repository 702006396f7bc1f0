// A database of the test file's own with two ambiti (organisations, a coordinatore, operators and a
// referrer in each), the real API on it with a clock the test moves, and a helper that drives cases
// through the engine, so every supervision summary is written by the real transition statement.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../libs/access/passwords.js';
import { secondFactorRequired } from '../../libs/access/second-factor.js';
import { DEMO_TOTP_SECRET } from '../../libs/demo/index.js';
import { CaseEngine } from '../../libs/engine/case-engine.service.js';
import { openDatabase } from '../../libs/persistence/index.js';
import {
  examplePayloads,
  exampleReferral,
  happyPath,
  type CaseEventType,
  type ExamplePayloads,
  type ReferralInput,
} from '../../workflows/case/index.js';
import { startApi, type ApiClient, type TestApi } from '../support/api.js';
import { TestClock } from '../support/test-clock.js';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const PASSWORD = 'supervisione-test';
export const AMBITI = ['valdinievole', 'piana_di_lucca'] as const;
export type Ambito = (typeof AMBITI)[number];

const ORGANISATION_TYPES = ['sds', 'cpi', 'serd', 'ets'] as const;
const ROLES = [
  { key: 'coordinatore', role: 'coordinatore', organisation: 'sds' },
  { key: 'operatore', role: 'operatore', organisation: 'sds' },
  { key: 'cpi', role: 'operatore', organisation: 'cpi' },
  { key: 'inviante', role: 'inviante', organisation: 'ets' },
  { key: 'amministratore', role: 'amministratore', organisation: 'sds' },
] as const;

export interface AmbitoPeople {
  organisations: Record<(typeof ORGANISATION_TYPES)[number], { id: string; name: string }>;
  users: Record<(typeof ROLES)[number]['key'], { id: string; email: string; fullName: string }>;
  payloads: ExamplePayloads;
}

export class MovableClock extends TestClock {
  set(at: Date | string): void {
    this.advance(new Date(at).getTime() - this.now().getTime());
  }
}

export interface SupervisionTerritory {
  api: TestApi;
  clock: MovableClock;
  dataSource: DataSource;
  ambiti: Record<Ambito, AmbitoPeople>;
  /** The first `steps` events of the common path (consent, submit, accept, assess…), in the ambito's terms. */
  happySteps(ambito: Ambito, steps: number): { type: CaseEventType; data: unknown }[];
  /** Logs in as the named user of an ambito. */
  as(ambito: Ambito, key: keyof AmbitoPeople['users']): Promise<ApiClient>;
  /** The ids on the stuck list the client sees with the clock at `at`. */
  stuckIds(client: ApiClient, at: Date): Promise<string[]>;
  /** Creates a case referred by `referrer` and applies each event at the time given beside it. */
  drive(
    ambito: Ambito,
    referrer: keyof AmbitoPeople['organisations'],
    createdAt: Date,
    events: { type: CaseEventType; data?: unknown; at: Date }[],
    person?: Partial<ReferralInput['person']>,
  ): Promise<string>;
  close(): Promise<void>;
}

export async function supervisionTerritory(): Promise<SupervisionTerritory> {
  const name = `percorsi_supervision_${process.pid}_${randomBytes(3).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const setup = await openDatabase(url.toString());
  const passwordHash = await hashPassword(PASSWORD);
  const ambiti = {} as Record<Ambito, AmbitoPeople>;
  for (const ambito of AMBITI) {
    const organisations = {} as AmbitoPeople['organisations'];
    for (const type of ORGANISATION_TYPES) {
      const orgName = `${type.toUpperCase()} ${ambito}`;
      const [row] = await setup.query(
        'INSERT INTO organisations (name, type, ambito) VALUES ($1, $2, $3) RETURNING id',
        [orgName, type, ambito],
      );
      organisations[type] = { id: row.id, name: orgName };
    }
    const users = {} as AmbitoPeople['users'];
    for (const { key, role, organisation } of ROLES) {
      const email = `${key}@${ambito.replaceAll('_', '-')}.test`;
      const fullName = `${key} ${ambito}`;
      const [row] = await setup.query(
        `INSERT INTO users (email, password_hash, full_name, role, organisation_id, totp_secret)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          email,
          passwordHash,
          fullName,
          role,
          organisations[organisation].id,
          // The roles that need a second factor get the demo's key, whose codes the login helper types.
          secondFactorRequired(role) ? DEMO_TOTP_SECRET : null,
        ],
      );
      users[key] = { id: row.id, email, fullName };
    }
    const ref = (type: 'sds' | 'cpi' | 'serd') => ({
      organisationId: organisations[type].id,
      organisationType: type,
      name: organisations[type].name,
    });
    const person = (key: 'operatore' | 'cpi', type: 'sds' | 'cpi') => ({
      userId: users[key].id,
      name: users[key].fullName,
      organisationId: organisations[type].id,
      organisationType: type,
    });
    ambiti[ambito] = {
      organisations,
      users,
      payloads: examplePayloads(
        {
          social: ref('sds'),
          labour: ref('cpi'),
          health: ref('serd'),
          responsabile: person('operatore', 'sds'),
          assessors: [person('operatore', 'sds'), person('cpi', 'cpi')],
        },
        // Before every event the suites drive: a meeting held or a plan signed is never dated after it.
        '2025-01-01',
      ),
    };
  }
  await setup.destroy();

  const clock = new MovableClock();
  const api = await startApi(clock, { DATABASE_URL: url.toString() });
  const engine = api.app.get(CaseEngine);
  let serial = 0;

  return {
    api,
    clock,
    dataSource: api.dataSource,
    ambiti,
    happySteps: (ambito, steps) =>
      happyPath(ambiti[ambito].payloads).slice(0, steps) as { type: CaseEventType; data: unknown }[],
    as: (ambito, key) => api.anonymous.as(ambiti[ambito].users[key].email, PASSWORD),
    async stuckIds(client, at) {
      clock.set(at);
      const response = await client.get('/api/supervision/stuck');
      if (response.status !== 200) throw new Error(`stuck list → ${response.status}`);
      return response.body.items.map((item: { id: string }) => item.id);
    },
    async drive(ambito, referrer, createdAt, events, person) {
      const people = ambiti[ambito];
      // The coordinatore acts throughout, as in the demo seed: triage and supervision are theirs.
      const actor = {
        userId: people.users.coordinatore.id,
        role: 'coordinatore',
        organisationId: people.organisations.sds.id,
        organisationType: 'sds',
        ambito,
      } as never;
      serial += 1;
      clock.set(createdAt);
      const caseId = await engine.createCase(
        exampleReferral(person ?? { firstName: `Nome${serial}`, lastName: `Cognome${serial}` }),
        { ambito, referringOrganisationId: people.organisations[referrer].id },
        actor,
      );
      let version = 1;
      for (const event of events) {
        clock.set(event.at);
        await engine.applyEvent(
          caseId,
          { type: event.type, data: event.data ?? people.payloads[event.type], expectedVersion: version },
          actor,
        );
        version += 1;
      }
      return caseId;
    },
    async close() {
      await api.close();
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export const DAY = 86_400_000;
export const MINUTE = 60_000;
export const plus = (at: Date | string, ms: number) => new Date(new Date(at).getTime() + ms);
