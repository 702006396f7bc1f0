import type { ConnectionOptions, Queue } from 'bullmq';
import { Cluster, type Redis } from 'ioredis';
import { within } from '../common/index.js';
import type { AppConfig } from '../config/config.js';

/** What a connection to one Redis node takes from its redis:// or rediss:// URL besides the address. */
function nodeOptionsOf(url: URL): {
  username?: string;
  password?: string;
  tls?: object;
  maxRetriesPerRequest: null;
} {
  return {
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; BullMQ requires unlimited retries for them.
    maxRetriesPerRequest: null,
  };
}

/** BullMQ connection options from a redis:// or rediss:// URL. */
export function redisConnectionOf(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port) || 6379,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    ...nodeOptionsOf(url),
  };
}

/**
 * The queues' connection. One Redis: its options, from which each queue and worker opens connections of
 * its own. A Redis Cluster (REDIS_CLUSTER_NODES): one ioredis Cluster client, shared by the process's queues
 * and workers (BullMQ duplicates it for a worker's blocking reads), since BullMQ builds a cluster client only
 * from an instance; whoever asks for it closes it, with closeQueueConnection.
 */
export function queueConnectionOf(
  config: Pick<AppConfig, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>,
): ConnectionOptions {
  if (!config.REDIS_CLUSTER_NODES) return redisConnectionOf(config.REDIS_URL);
  const nodes = config.REDIS_CLUSTER_NODES.map((node) => new URL(node));
  return new Cluster(
    nodes.map((url) => ({ host: url.hostname, port: Number(url.port) || 6379 })),
    { redisOptions: nodeOptionsOf(nodes[0]!) },
  );
}

/** Closes the shared Redis Cluster client of queueConnectionOf, once every queue and worker is closed. */
export async function closeQueueConnection(connection: ConnectionOptions): Promise<void> {
  if (connection instanceof Cluster) await connection.quit();
}

/** The queue's own ioredis connection (BullMQ types it by the few commands it needs itself). */
export function redisOf(queue: Queue): Promise<Redis> {
  return queue.backend.client as unknown as Promise<Redis>;
}

/**
 * Whether the queue's connection is up now. With Redis down its commands would wait for the reconnection;
 * the worker's loops skip a round instead (PostgreSQL keeps what they would have sent).
 */
export async function redisReady(queue: Queue): Promise<boolean> {
  const connection = await Promise.race([
    redisOf(queue),
    new Promise<null>((done) => setTimeout(done, 50, null)),
  ]);
  return connection?.status === 'ready';
}

/** How long the worker waits for Redis before it gives a round up and tries again later. */
export const REDIS_TIMEOUT_MS = 2000;

/** Which of these jobs the queue no longer has in any state (waiting, delayed, running, done, failed). */
export async function missingJobs(queue: Queue, jobIds: string[], what: string): Promise<string[]> {
  const redis = await within(redisOf(queue), REDIS_TIMEOUT_MS, what);
  const pipeline = redis.pipeline();
  for (const id of jobIds) pipeline.exists(queue.toKey(id));
  const answers = await within(pipeline.exec(), REDIS_TIMEOUT_MS, what);
  return jobIds.filter((_, index) => answers?.[index]?.[1] === 0);
}
