// `npm start` with no PostgreSQL reachable runs on PGlite under DATA_DIR: it serves the demo, takes a case
// through events with one winner among racing ones, and keeps the data across a restart. Below it, the
// wire-protocol server that shares the one PGlite session among connections.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../apps/launcher/embedded-postgres.js';
import { loadConfig } from '../../libs/config/index.js';
import { DEADLINES_QUEUE, MAIL_QUEUE, redisConnectionOf } from '../../libs/scheduling/index.js';
import { codiceFiscaleOf, exampleReferral, type ExamplePayloads } from '../../workflows/case/index.js';
import { ApiClient } from '../support/api.js';

const dataDir = mkdtempSync(join(tmpdir(), 'percorsi-pglite-'));
const prefix = `{percorsi-pglite-${randomBytes(4).toString('hex')}}`;
const launchers: ChildProcess[] = [];

afterAll(async () => {
  for (const launcher of launchers) if (launcher.exitCode === null) launcher.kill('SIGKILL');
  const connection = redisConnectionOf(loadConfig().REDIS_URL);
  for (const name of [DEADLINES_QUEUE, MAIL_QUEUE]) {
    const queue = new Queue(name, { connection, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function closedPort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

interface Launcher {
  api: ApiClient;
  output: () => string;
  stop(): Promise<number | null>;
}

async function startLauncher(pgPort: number): Promise<Launcher> {
  // The machine's PostgreSQL settings are dropped: the local default points at a closed port.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !['DATABASE_URL', 'PGPORT', 'SMTP_URL'].includes(key)),
  );
  const child = spawn(process.execPath, ['dist/apps/launcher/main.js'], {
    env: {
      ...inherited,
      PGPORT: String(pgPort),
      DATA_DIR: dataDir,
      PORT: '0',
      QUEUE_PREFIX: prefix,
      MAIL_CATCHER: 'true',
      MAIL_CATCHER_SMTP_PORT: '0',
      MAIL_CATCHER_HTTP_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launchers.push(child);
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Percorsi API on (\S+)\/api/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void exited.then((code) => reject(new Error(`npm start exited (${code}): ${output}`)));
  });
  return {
    api: await new ApiClient(url).as('coordinatore@percorsi.demo'),
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('npm start with no PostgreSQL reachable', () => {
  it('runs on PGlite under DATA_DIR, keeps one winner among racing events, keeps the data across a restart and searches without accents', async () => {
    const pgPort = await closedPort();
    const first = await startLauncher(pgPort);
    expect(first.output()).toContain(`Database: PGlite (embedded), data in ${join(dataDir, 'pglite')}.`);
    expect(first.output()).toContain('not for production');
    expect(first.output()).toContain('Demo data created');

    const created = await first.api.post('/api/cases', exampleReferral());
    expect(created.status).toBe(201);
    const consent: ExamplePayloads['RECORD_CONSENT'] = {
      given: true,
      informedOn: '2026-03-02',
      authorisedOrganisations: [],
    };
    await first.api.send(created.body.id, 'RECORD_CONSENT', consent);
    const racing = await Promise.all(
      Array.from({ length: 20 }, () =>
        first.api.post(`/api/cases/${created.body.id}/events`, {
          type: 'SUBMIT',
          data: {},
          expectedVersion: 2,
        }),
      ),
    );
    const statuses = racing.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(await first.api.send(created.body.id, 'ACCEPT')).toMatchObject({ version: 4 });
    expect(await first.stop()).toBe(0);

    const second = await startLauncher(pgPort);
    try {
      expect(second.output()).not.toContain('Demo data created');
      const kept = await second.api.get(`/api/cases/${created.body.id}`);
      expect(kept.body).toMatchObject({ version: 4, state: expect.stringMatching(/^valutazione/) });
      const history = (await second.api.get(`/api/cases/${created.body.id}/history`)).body.items;
      expect(history.map((row: { eventType: string }) => row.eventType)).toEqual([
        'CREATE_REFERRAL',
        'RECORD_CONSENT',
        'SUBMIT',
        'ACCEPT',
      ]);
      // The list's search (pg_trgm, unaccent) runs on PGlite too: an Italian keyboard finds Ștefan Öztürk.
      const birthDate = '1985-12-10';
      const person = { lastName: 'Öztürk', firstName: 'Ștefan', birthDate };
      const turkish = await second.api.post(
        '/api/cases',
        exampleReferral({
          ...person,
          codiceFiscale: codiceFiscaleOf(person.lastName, person.firstName, birthDate),
        }),
      );
      expect(turkish.status).toBe(201);
      for (const text of ['ozturk', 'stefan']) {
        const found = (await second.api.get(`/api/cases?text=${text}`)).body.items;
        expect(found.map((item: { id: string }) => item.id)).toContain(turkish.body.id);
      }
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 180_000);
});

/** A loopback proxy that forwards each chunk a client sends in two packets some milliseconds apart. */
async function splittingProxy(target: URL): Promise<{ url: string; close(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let sending = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      sending = sending.then(async () => {
        upstream.write(chunk.subarray(0, chunk.length >> 1));
        await new Promise((wait) => setTimeout(wait, 5));
        upstream.write(chunk.subarray(chunk.length >> 1));
      });
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = new URL(target);
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.toString(),
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/** A raw protocol connection past start-up (ReadyForQuery received), to send what `pg` never would. */
async function rawSession(target: URL): Promise<Socket> {
  const socket = connect(Number(target.port), target.hostname);
  const parameters = Buffer.from('user\0postgres\0database\0postgres\0\0');
  const startup = Buffer.alloc(8);
  startup.writeInt32BE(8 + parameters.length, 0);
  startup.writeInt32BE(196_608, 4);
  socket.write(Buffer.concat([startup, parameters]));
  await new Promise<void>((ready) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.includes(Buffer.from([0x5a, 0, 0, 0, 5]))) {
        socket.off('data', onData);
        ready();
      }
    };
    socket.on('data', onData);
  });
  return socket;
}

function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

const closed = (socket: Socket) =>
  new Promise<void>((done) => (socket.closed ? done() : socket.once('close', () => done())));

describe('the embedded database server', () => {
  it('drops a client that sends a broken length, and rolls back one gone before its Sync', async () => {
    const embedded = await startEmbeddedPostgres(join(dataDir, 'broken'));
    const client = new pg.Client({ connectionString: embedded.url });
    try {
      await client.connect();
      await client.query('CREATE TABLE kept (n int)');

      const broken = await rawSession(new URL(embedded.url));
      broken.write(Buffer.from([0x51, 0xff, 0xff, 0xff, 0xff]));
      await closed(broken);
      expect((await client.query('SELECT 1 AS alive')).rows).toEqual([{ alive: 1 }]);

      // Parse, Bind, Execute of an INSERT, then the client vanishes: a Sync would have committed it.
      const cut = await rawSession(new URL(embedded.url));
      cut.write(
        Buffer.concat([
          message('P', Buffer.from('\0INSERT INTO kept VALUES (1)\0\0\0')),
          message('B', Buffer.alloc(8)),
          message('E', Buffer.alloc(5)),
        ]),
      );
      await new Promise((wait) => setTimeout(wait, 200));
      cut.destroy();
      await closed(cut);
      expect((await client.query('SELECT count(*)::int AS rows FROM kept')).rows).toEqual([{ rows: 0 }]);
    } finally {
      await client.end().catch(() => undefined);
      await embedded.stop();
    }
  });

  it('never interleaves one connection’s exchange with another’s, even when it arrives in pieces', async () => {
    const embedded = await startEmbeddedPostgres(join(dataDir, 'wire'));
    const proxy = await splittingProxy(new URL(embedded.url));
    const clients = Array.from(
      { length: 8 },
      (_, index) => new pg.Client({ connectionString: index % 2 ? proxy.url : embedded.url }),
    );
    try {
      await Promise.all(clients.map((client) => client.connect()));
      const wrong: string[] = [];
      await Promise.all(
        clients.map(async (client, index) => {
          for (let round = 0; round < 10; round++) {
            const { rows } = await client.query(`SELECT $1::int * ${index + 1} AS value`, [round]);
            if (rows[0].value !== round * (index + 1)) wrong.push(`${index}/${round}: ${rows[0].value}`);
          }
        }),
      );
      expect(wrong).toEqual([]);

      // A transaction runs alone, and one whose client goes away is rolled back.
      await clients[0].query('CREATE TABLE counter (n int)');
      await clients[0].query('INSERT INTO counter VALUES (0)');
      await Promise.all(
        clients.map(async (client) => {
          await client.query('BEGIN');
          const [{ n }] = (await client.query('SELECT n FROM counter')).rows;
          await client.query('UPDATE counter SET n = $1', [n + 1]);
          await client.query('COMMIT');
        }),
      );
      const leaving = clients.pop()!;
      await leaving.query('BEGIN');
      await leaving.query('UPDATE counter SET n = 0');
      await leaving.end();
      expect((await clients[0].query('SELECT n FROM counter')).rows).toEqual([{ n: clients.length + 1 }]);
    } finally {
      await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
      proxy.close();
      await embedded.stop();
    }
  });
});
