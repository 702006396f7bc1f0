import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './config.js';
import { signingKey, signingKeyPath } from './signing-key.js';

describe('configuration', () => {
  it('uses the local defaults when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/percorsi',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: 3000,
    });
  });

  it('takes the local PostgreSQL on PGPORT when DATABASE_URL is unset', () => {
    expect(loadConfig({ PGPORT: '5433' }).DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5433/percorsi');
    expect(loadConfig({ PGPORT: '5433', DATABASE_URL: 'postgres://db/x' }).DATABASE_URL).toBe(
      'postgres://db/x',
    );
    expect(() => loadConfig({ PGPORT: 'five' })).toThrow(/PGPORT/);
  });

  it('stops with the name of a malformed variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ HOST: '0.0.0.0.0' })).toThrow(/HOST/);
    expect(() => loadConfig({ DATA_DIR: '' })).toThrow(/DATA_DIR/);
  });

  it('takes a Redis Cluster’s nodes, with a queue prefix that keeps every queue key in one slot', () => {
    const nodes = 'redis://127.0.0.1:7201, redis://127.0.0.1:7202';
    expect(loadConfig({ REDIS_CLUSTER_NODES: nodes }).REDIS_CLUSTER_NODES).toEqual([
      'redis://127.0.0.1:7201',
      'redis://127.0.0.1:7202',
    ]);
    expect(loadConfig({ REDIS_CLUSTER_NODES: nodes, QUEUE_PREFIX: 'pa}{x}' }).QUEUE_PREFIX).toBe('pa}{x}');
    for (const QUEUE_PREFIX of ['percorsi', '{}percorsi', 'per{corsi'])
      expect(() => loadConfig({ REDIS_CLUSTER_NODES: nodes, QUEUE_PREFIX })).toThrow(
        /QUEUE_PREFIX: needs a hash tag/,
      );
    expect(loadConfig({ QUEUE_PREFIX: 'percorsi' }).QUEUE_PREFIX).toBe('percorsi');
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7201' })).toThrow(/REDIS_CLUSTER_NODES/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis://a:7201,rediss://b:7202' })).toThrow(
      /REDIS_CLUSTER_NODES: all redis/,
    );
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis://a:7201/2' })).toThrow(/no database number/);
  });

  it('requires a real JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('signs with no published key: each data directory gets its own on first start, then keeps it', () => {
    const [one, two] = [
      mkdtempSync(join(tmpdir(), 'percorsi-key-')),
      mkdtempSync(join(tmpdir(), 'percorsi-key-')),
    ];
    try {
      expect(loadConfig({}).JWT_SECRET).toBeUndefined();
      const first = signingKey(loadConfig({ DATA_DIR: one }));
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(signingKey(loadConfig({ DATA_DIR: one }))).toEqual(first);
      expect(signingKey(loadConfig({ DATA_DIR: two }))).not.toEqual(first);
      expect(readFileSync(signingKeyPath(one), 'utf8')).toBe(first.toString());
      expect(statSync(signingKeyPath(one)).mode & 0o077).toBe(0);
      const set = 'a-signing-key-given-by-the-deployment-0123456789';
      expect(signingKey(loadConfig({ DATA_DIR: one, JWT_SECRET: set })).toString()).toBe(set);
    } finally {
      rmSync(one, { recursive: true });
      rmSync(two, { recursive: true });
    }
  });

  it('needs a client for a provider, and a provider to turn passwords off', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example.it' })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ LOCAL_LOGIN: 'false' })).toThrow(/LOCAL_LOGIN/);
    expect(
      loadConfig({ OIDC_ISSUER: 'https://idp.example.it', OIDC_CLIENT_ID: 'percorsi', LOCAL_LOGIN: 'false' }),
    ).toMatchObject({ OIDC_EMAIL_CLAIM: 'email', LOCAL_LOGIN: 'false' });
  });
});
