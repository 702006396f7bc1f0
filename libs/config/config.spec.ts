import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './config.js';

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

  it('requires a real JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});
