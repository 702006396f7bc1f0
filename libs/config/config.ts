// Configuration read once at start-up and validated, failing fast with the variable's name.
import { z } from 'zod';

const schema = z.object({
  /** Unset: the local PostgreSQL, `postgres://postgres@127.0.0.1:$PGPORT/percorsi`. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** The port of the local PostgreSQL that an unset DATABASE_URL means (libpq's variable). */
  PGPORT: z.coerce.number().int().min(1).max(65535).default(5432),
  /**
   * Connections each process keeps to PostgreSQL. Unset: twice this machine's CPUs plus two, PostgreSQL's
   * own rule of thumb; more connections than the database has cores only queue inside it.
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /**
   * A Redis Cluster instead of REDIS_URL: some of its masters, comma-separated redis:// or rediss:// URLs
   * (the client learns the others from them); credentials and TLS come from the URLs.
   */
  REDIS_CLUSTER_NODES: z
    .string()
    .transform((list) => list.split(',').map((node) => node.trim()))
    .pipe(z.array(z.url({ protocol: /^rediss?$/ })).min(1))
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The API's listening address: loopback on a workstation, `0.0.0.0` in a container. */
  HOST: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')]).default('127.0.0.1'),
  /** Where `npm start` keeps the embedded database (PGlite) and the private Redis when it runs them. */
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * The key that signs session tokens. Required in production; elsewhere, unset, each data directory gets
   * its own random key on first start (signing-key.ts), so no published default ever signs a token.
   */
  JWT_SECRET: z.string().min(32).optional(),
  /** A session (browser or bearer) not used for this long ends. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** A session ends this long after login, however busy. */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(8),
  /** OpenID Connect login (libs/access/single-sign-on.ts): the provider's issuer; unset, none. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The ID token's claim matched, case aside, to a Percorsi user's e-mail. */
  OIDC_EMAIL_CLAIM: z
    .string()
    .regex(/^[\w:.-]+$/)
    .default('email'),
  /** What the login page's button names: the territory's identity provider. */
  OIDC_LABEL: z.string().min(1).max(80).default('l’identità dell’ente'),
  /** false: no password logins (web app and API clients); only the identity provider. */
  LOCAL_LOGIN: z.enum(['true', 'false']).default('true'),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  /** Redis key prefix of every queue; braces make it a Redis Cluster hash tag. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w{}-]+$/)
    .default('{percorsi}'),
  /** When set, one business day lasts this many real seconds (demo and tests); the rules stay in days. */
  TIME_SCALE_SECONDS_PER_DAY: z.coerce.number().positive().optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Percorsi <noreply@percorsi.local>'),
  /** SMTP connections each worker keeps open to SMTP_URL and sends over, one message at a time each. */
  SMTP_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(8),
  /** Where the web UI is reached; e-mails link to cases there. */
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  /** `npm start` runs a local mail catcher (SMTP on MAIL_CATCHER_SMTP_PORT, web page on MAIL_CATCHER_HTTP_PORT). */
  MAIL_CATCHER: z.enum(['true', 'false']).default('true'),
  MAIL_CATCHER_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(1025),
  MAIL_CATCHER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(1080),
  RELAY_INTERVAL_MS: z.coerce.number().int().min(10).max(60000).default(250),
  /**
   * Deadline moments due within this many seconds are copied into Redis (BullMQ); later ones wait in
   * PostgreSQL, so Redis holds what falls due soon, not every running deadline.
   */
  DEADLINE_HORIZON_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(3600),
  /** How often each worker checks that Redis holds every promoted deadline job, re-creating any it lost. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Cases closed longer ago than this are pseudonymised every night (identity replaced, statistics kept). */
  RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(10),
  /** Largest document a case accepts (a scan of a few pages); a larger upload is refused with 413. */
  DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

const withDatabase = schema.transform((config) => ({
  ...config,
  DATABASE_URL: config.DATABASE_URL ?? `postgres://postgres@127.0.0.1:${config.PGPORT}/percorsi`,
}));

export type AppConfig = z.output<typeof withDatabase>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const result = withDatabase.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  if (result.data.NODE_ENV === 'production' && env.JWT_SECRET === undefined) {
    throw new ConfigError('Invalid configuration: JWT_SECRET: required in production');
  }
  if (result.data.OIDC_ISSUER !== undefined && result.data.OIDC_CLIENT_ID === undefined) {
    throw new ConfigError('Invalid configuration: OIDC_CLIENT_ID: required with OIDC_ISSUER');
  }
  const clusterProblem = result.data.REDIS_CLUSTER_NODES && clusterProblemOf(result.data);
  if (clusterProblem) throw new ConfigError(`Invalid configuration: ${clusterProblem}`);
  if (result.data.LOCAL_LOGIN === 'false' && result.data.OIDC_ISSUER === undefined) {
    throw new ConfigError(
      'Invalid configuration: LOCAL_LOGIN: false needs OIDC_ISSUER, or nobody can log in',
    );
  }
  return result.data;
}

/**
 * What a Redis Cluster needs of the other settings: one scheme and no database number (a cluster has only
 * database 0), and a queue prefix with a hash tag, since BullMQ's scripts touch several keys of a queue at
 * once and Redis Cluster refuses keys of different slots in one command.
 */
function clusterProblemOf(config: AppConfig): string | null {
  const nodes = config.REDIS_CLUSTER_NODES!.map((node) => new URL(node));
  if (new Set(nodes.map((node) => node.protocol)).size > 1)
    return 'REDIS_CLUSTER_NODES: all redis:// or all rediss://';
  if (nodes.some((node) => node.pathname.length > 1))
    return 'REDIS_CLUSTER_NODES: a Redis Cluster has no database number';
  // Redis hashes what lies between the first '{' and the next '}', when that is not empty.
  const open = config.QUEUE_PREFIX.indexOf('{');
  if (open < 0 || config.QUEUE_PREFIX.indexOf('}', open + 1) <= open + 1)
    return 'QUEUE_PREFIX: needs a hash tag ({…}) with REDIS_CLUSTER_NODES';
  return null;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
