import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startLocalRedis } from '../../apps/launcher/local-redis.js';

describe('the private Redis of npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'percorsi-redis-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs redis-server on loopback with its append-only file under the data directory', async () => {
    const redis = await startLocalRedis(dataDir);
    const client = new Redis(redis.url);
    try {
      expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      await client.set('percorsi-check', 'kept');
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    } finally {
      client.disconnect();
      await redis.stop();
    }
    expect(existsSync(join(dataDir, 'redis', 'appendonlydir'))).toBe(true);
  });

  it('names the package to install, or REDIS_URL, when there is no redis-server program', async () => {
    await expect(startLocalRedis(dataDir, join(dataDir, 'no-such-redis-server'))).rejects.toThrow(
      /"redis-server".*REDIS_URL/,
    );
  });
});
