import type { ConnectionOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** BullMQ connection options from a redis:// or rediss:// URL. */
export function redisConnectionOf(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port) || 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; BullMQ requires unlimited retries for them.
    maxRetriesPerRequest: null,
  };
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
