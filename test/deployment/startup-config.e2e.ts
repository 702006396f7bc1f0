import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';

function start(program: string, env: Record<string, string>) {
  // Only the setting under test may be wrong: the machine's own values of the others are dropped.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !['PORT', 'DATABASE_URL', 'REDIS_URL'].includes(key)),
  );
  return spawnSync(process.execPath, [program], {
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('start-up with a malformed setting', () => {
  it.each([
    ['dist/apps/api/main.js', 'PORT', 'eighty'],
    ['dist/apps/api/main.js', 'DATABASE_URL', 'mysql://127.0.0.1/percorsi'],
    ['dist/apps/worker/main.js', 'REDIS_URL', 'localhost:6379'],
    ['dist/apps/launcher/main.js', 'HOST', 'every interface'],
  ])('%s stops and names %s', (program, name, value) => {
    const result = start(program, { [name]: value });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${name}:`);
  });

  it('the API refuses to start in production without its own JWT_SECRET', () => {
    const result = start('dist/apps/api/main.js', { NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('JWT_SECRET: required in production');
  });
});
