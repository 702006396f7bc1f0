// A three-master Redis Cluster of a test's own on loopback ports, without persistence: a master killed and
// started again comes back with its slots (its nodes.conf stays) and none of its keys, as a master restarted
// without persistence does in production.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { waitFor } from './scheduling.js';

const run = promisify(execFile);

export interface RedisCluster {
  /** The masters' URLs, for REDIS_CLUSTER_NODES. */
  nodes: string[];
  /** The port of the master that holds the slot of this key (its hash tag decides). */
  masterOf(key: string): Promise<number>;
  /** The keys matching this pattern on each master, by port. */
  keys(pattern: string): Promise<Map<number, string[]>>;
  /** Whether every master answers and the cluster serves every slot. */
  healthy(): Promise<boolean>;
  /** Stops the master on this port with SIGKILL: what it held is gone. */
  kill(port: number): Promise<void>;
  /** Starts the master on this port again, empty, with its slots. */
  start(port: number): Promise<void>;
  /** Stops every master and deletes their directories. */
  close(): Promise<void>;
}

export async function redisCluster(ports: number[]): Promise<RedisCluster> {
  const directory = mkdtempSync(join(tmpdir(), 'percorsi-cluster-'));
  const servers = new Map<number, ChildProcess>();

  async function start(port: number): Promise<void> {
    const dir = join(directory, String(port));
    mkdirSync(dir, { recursive: true });
    const server = spawn(
      'redis-server',
      [
        ...['--bind', '127.0.0.1', '--port', String(port), '--dir', dir],
        ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'],
        // A dead master is known as failed in 2 s, not the default 15 s.
        ...['--cluster-node-timeout', '2000'],
        ...['--save', '', '--appendonly', 'no'],
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    servers.set(port, server);
    await new Promise<void>((resolve, reject) => {
      let output = '';
      server.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`redis-server on ${port} exited (${code}): ${output}`)));
    });
  }

  async function ask<T>(port: number, question: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      return await question(client);
    } finally {
      client.disconnect();
    }
  }

  async function healthy(): Promise<boolean> {
    const states = await Promise.all(
      ports.map((port) =>
        ask(port, (client) => client.call('CLUSTER', 'INFO') as Promise<string>).catch(() => ''),
      ),
    );
    return states.every((info) => info.includes('cluster_state:ok'));
  }

  async function kill(port: number): Promise<void> {
    const server = servers.get(port);
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    server.kill('SIGKILL');
    await exited;
  }

  const cluster: RedisCluster = {
    nodes: ports.map((port) => `redis://127.0.0.1:${port}`),
    async masterOf(key) {
      const slot = (await ask(ports[0]!, (client) => client.cluster('KEYSLOT', key))) as number;
      const ranges = await ask(ports[0]!, (client) => client.cluster('SLOTS'));
      const [, , master] = ranges.find(([from, to]) => from <= slot && slot <= to) ?? [];
      if (!master) throw new Error(`no master holds slot ${slot}`);
      return master[1];
    },
    async keys(pattern) {
      const found = await Promise.all(ports.map((port) => ask(port, (client) => client.keys(pattern))));
      return new Map(ports.map((port, index) => [port, found[index]!]));
    },
    healthy,
    kill,
    async start(port) {
      await start(port);
      await waitFor(healthy, `the cluster to serve every slot again after ${port} restarted`, 30_000);
    },
    async close() {
      await Promise.all(ports.map(kill));
      rmSync(directory, { recursive: true, force: true });
    },
  };

  try {
    await Promise.all(ports.map(start));
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      ...['--cluster-replicas', '0', '--cluster-yes'],
    ]);
    await waitFor(healthy, 'the new cluster to serve every slot', 30_000);
  } catch (error) {
    await cluster.close();
    throw error;
  }
  return cluster;
}
