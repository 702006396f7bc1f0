// The key that signs session tokens: JWT_SECRET when set (always, in production: config.ts requires it),
// otherwise a random key kept in the data directory, created on first start, so that every installation
// signs with a key of its own and no published default ever opens a session.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config.js';

export function signingKeyPath(dataDirectory: string): string {
  return join(dataDirectory, 'signing-key');
}

export function signingKey(config: Pick<AppConfig, 'JWT_SECRET' | 'DATA_DIR'>): Buffer {
  if (config.JWT_SECRET !== undefined) return Buffer.from(config.JWT_SECRET);
  const path = signingKeyPath(config.DATA_DIR);
  mkdirSync(config.DATA_DIR, { recursive: true });
  // Written whole under a temporary name, then linked into place: link() fails if the key exists, so the
  // API processes and test files starting together on one data directory all end up with the same key.
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(48).toString('base64url'), { mode: 0o600 });
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  const key = readFileSync(path, 'utf8').trim();
  if (key.length < 32) throw new Error(`${path} holds no usable signing key: delete it to get a new one.`);
  return Buffer.from(key);
}
