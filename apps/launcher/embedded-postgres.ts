// `npm start` on a machine with no PostgreSQL: PGlite (PostgreSQL compiled to WebAssembly) keeps the data
// under DATA_DIR, and the launcher serves it on a loopback port over the PostgreSQL wire protocol, so the
// API and the worker connect with the same `pg` driver, in their own processes, as in production.
//
// PGlite is a single database session. Many connections share it safely because one connection at a time
// owns it, from its first message until a Sync or a simple Query leaves no transaction open: a transaction
// runs alone from BEGIN to COMMIT, and an extended-protocol exchange (Parse, Bind, Execute, Sync) is never
// interleaved with another connection's, even when its bytes arrive split across TCP packets.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const [QUERY, SYNC, TERMINATE, PARSE, BIND, EXECUTE] = [0x51, 0x53, 0x58, 0x50, 0x42, 0x45];
/** PostgreSQL's own limit on a message; a shorter length than the header itself is a broken client. */
const MAX_MESSAGE_BYTES = 1 << 30;
/**
 * A connection that holds the session and says nothing for this long loses it (its transaction rolls back):
 * on PostgreSQL a stalled transaction blocks only itself, here it would block every request.
 */
const IDLE_OWNER_MS = 30_000;

function frontendMessage(type: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header[0] = type;
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

/**
 * ROLLBACK as one extended-protocol exchange: it ends an explicit transaction, and also the implicit one of
 * an exchange cut off before its Sync, which a bare Sync would commit.
 */
const ROLLBACK_EXCHANGE = [
  frontendMessage(PARSE, Buffer.from('\0ROLLBACK\0\0\0', 'latin1')),
  frontendMessage(BIND, Buffer.alloc(8)),
  frontendMessage(EXECUTE, Buffer.alloc(5)),
  frontendMessage(SYNC, Buffer.alloc(0)),
];

/** One owner of the PGlite session at a time; the others wait in arrival order. */
class SessionLock {
  private owner: object | null = null;
  private readonly waiting: { connection: object; granted: () => void }[] = [];

  owns(connection: object): boolean {
    return this.owner === connection;
  }

  async acquire(connection: object): Promise<void> {
    if (this.owner === connection) return;
    if (this.owner === null) this.owner = connection;
    else await new Promise<void>((granted) => this.waiting.push({ connection, granted }));
  }

  release(connection: object): void {
    if (this.owner !== connection) return;
    const next = this.waiting.shift();
    this.owner = next?.connection ?? null;
    next?.granted();
  }
}

class Connection {
  private buffer = Buffer.alloc(0);
  private started = false;
  private closed = false;
  private idleOwner: NodeJS.Timeout | null = null;
  /** Messages run one after another, in the order the client sent them. */
  work: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Socket,
    private readonly db: PGlite,
    private readonly lock: SessionLock,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.watchIdleOwner(false);
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.schedule(() => this.drain());
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.closed = true;
      this.watchIdleOwner(false);
      this.schedule(() => this.abandon());
    });
  }

  private schedule(step: () => Promise<void>): void {
    this.work = this.work.then(step).catch(() => {
      this.socket.destroy();
    });
  }

  private async drain(): Promise<void> {
    for (let message = this.next(); message !== null && !this.closed; message = this.next()) {
      let endsExchange = true;
      if (!this.started) {
        const code = message.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write('N');
          continue;
        }
        if (code === CANCEL_REQUEST) {
          // Cancelling another connection's query is not supported: the session runs one thing at a time.
          this.socket.destroy();
          return;
        }
        this.started = true;
      } else if (message[0] === TERMINATE) {
        this.socket.end();
        return;
      } else {
        endsExchange = message[0] === SYNC || message[0] === QUERY;
      }
      await this.lock.acquire(this);
      if (this.closed) return;
      const reply = await this.db.execProtocolRaw(message);
      if (reply.length && this.socket.writable) this.socket.write(reply);
      if (endsExchange && !this.db.isInTransaction()) this.lock.release(this);
    }
    this.watchIdleOwner(this.lock.owns(this));
  }

  private watchIdleOwner(owning: boolean): void {
    if (this.idleOwner) clearTimeout(this.idleOwner);
    this.idleOwner = owning ? setTimeout(() => this.socket.destroy(), IDLE_OWNER_MS) : null;
  }

  /** The next complete message: before start-up they have no type byte, afterwards one. */
  private next(): Buffer | null {
    const lengthAt = this.started ? 1 : 0;
    if (this.buffer.length < lengthAt + 4) return null;
    const declared = this.buffer.readInt32BE(lengthAt);
    if (declared < (this.started ? 4 : 8) || declared > MAX_MESSAGE_BYTES) {
      throw new Error(`invalid message length ${declared}`);
    }
    const length = lengthAt + declared;
    if (this.buffer.length < length) return null;
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return message;
  }

  /** A client gone halfway through an exchange or a transaction must not leave it to the next one. */
  private async abandon(): Promise<void> {
    if (!this.lock.owns(this)) return;
    try {
      for (const message of ROLLBACK_EXCHANGE) await this.db.execProtocolRaw(message);
    } finally {
      this.lock.release(this);
    }
  }
}

export interface EmbeddedPostgres {
  /** The DATABASE_URL the API and the worker use. */
  url: string;
  /** Where the data lives. */
  directory: string;
  stop(): Promise<void>;
}

/** Only one process may open a PGlite data directory: a second `npm start` on it stops at once. */
function claimDirectory(directory: string): () => void {
  const lockFile = `${directory}.pid`;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isRunning(holder)) {
      throw new Error(
        `The embedded database in ${directory} is in use by another Percorsi (process ${holder}). ` +
          'Stop that one first, or give this one another DATA_DIR.',
      );
    }
    rmSync(lockFile, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function embeddedDirectory(dataDir: string): string {
  return resolve(dataDir, 'pglite');
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const directory = embeddedDirectory(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const unclaim = claimDirectory(directory);
  try {
    // The extensions the migrations create (the case list's search) must be compiled in and loaded here.
    const db = await PGlite.create(directory, { extensions: { pg_trgm, unaccent } });
    const lock = new SessionLock();
    const connections = new Set<Connection>();
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      const connection = new Connection(socket, db, lock);
      connections.add(connection);
      sockets.add(socket);
      socket.once('close', () => {
        sockets.delete(socket);
        void connection.work.then(() => connections.delete(connection));
      });
    });
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', done);
    });
    const { port } = server.address() as { port: number };
    return {
      // PGlite has one database, `postgres`; naming it keeps the API from trying to create another.
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      directory,
      async stop() {
        const closed = new Promise<void>((done) => server.close(() => done()));
        for (const socket of sockets) socket.destroy();
        await closed;
        await Promise.all([...connections].map((connection) => connection.work));
        await db.close();
        unclaim();
      },
    };
  } catch (error) {
    unclaim();
    throw error;
  }
}
