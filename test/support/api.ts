// Starts the real API on a free port against this run's database and talks to it over HTTP.
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/create-app.js';
import type { Clock } from '../../libs/common/index.js';
import { loadConfig } from '../../libs/config/index.js';
import { DEMO_PASSWORD } from '../../libs/demo/index.js';
import { withTotpCode } from './second-factor.js';
import { TestClock } from './test-clock.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    rawBody?: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...extraHeaders,
        ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** The raw response, for binary bodies such as the encrypted export. */
  raw(method: string, path: string, body: unknown): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  }

  /** Any request with this client's token, for bodies that are not JSON (uploads, downloads). */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
    });
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }

  /**
   * A client with a bearer token of `email`. Every login carries a code of the demo's TOTP key, which the
   * demo's amministratore and DPO users need and everyone without a second factor is not asked for: one
   * request per login, as the per-client limit on attempts counts them.
   */
  async as(email: string, password = DEMO_PASSWORD): Promise<ApiClient> {
    const login = await withTotpCode(async (code) => {
      const answer = await this.post('/api/auth/login', { email, password, code });
      return answer.status === 401 && answer.body.secondFactor === 'used' ? 'used' : answer;
    });
    if (login.status !== 200) throw new Error(`login as ${email} failed: ${JSON.stringify(login.body)}`);
    return new ApiClient(this.baseUrl, login.body.token);
  }

  /** The same session through another API process (sessions live in PostgreSQL, not in a process). */
  at(baseUrl: string): ApiClient {
    return new ApiClient(baseUrl, this.token);
  }

  /** Sends an event at the case's current version and fails loudly if it is refused. */
  async send(caseId: string, type: string, data: unknown = {}): Promise<any> {
    const current = await this.get(`/api/cases/${caseId}`);
    const response = await this.post(`/api/cases/${caseId}/events`, {
      type,
      data,
      expectedVersion: current.body.version,
    });
    if (response.status !== 200)
      throw new Error(`${type} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }
}

export interface TestApi {
  app: INestApplication;
  anonymous: ApiClient;
  clock: Clock;
  dataSource: DataSource;
  close(): Promise<void>;
}

export async function startApi(
  clock: Clock = new TestClock(),
  env: Record<string, string> = {},
): Promise<TestApi> {
  const config = loadConfig({
    QUEUE_PREFIX: `{percorsi-test-${process.env.JEST_WORKER_ID}}`,
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    ...env,
  });
  const app = await createApp(config, clock, { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    anonymous: new ApiClient(url),
    clock,
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}
