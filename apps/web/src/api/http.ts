// fetch with the session: the browser sends its HttpOnly cookie by itself (same origin), and every request
// that changes something carries the session's CSRF token, held here in memory only. Every request asks for
// the user's language (Accept-Language), in which the server words its names, reasons and errors. Every
// refusal becomes an ApiError carrying the API's error body.
import i18n from '../i18n';

export interface FieldProblem {
  field: string;
  /** English, stable; the UI words it with labels.schemaMessage (workflows/case/field-reasons.ts). */
  reason: string;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: FieldProblem[];
  guards?: string[];
  [detail: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }

  get code(): string {
    return this.body.code;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {};

/** The session's CSRF token, from the login or from GET /api/auth/session after a reload; null at logout. */
export function setCsrfToken(value: string | null): void {
  csrfToken = value;
}

/** Called when the API says the session is over, so the app can send the user back to the login page. */
export function whenUnauthenticated(callback: () => void): void {
  onUnauthenticated = callback;
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers(method),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await refused(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function refused(response: Response): Promise<ApiError> {
  const text = await response.text();
  const error = new ApiError(
    response.status,
    text ? JSON.parse(text) : { code: 'http_error', message: response.statusText },
  );
  // Only a session that was open can end: a wrong password at login is no reason to leave the page.
  if (response.status === 401 && csrfToken) onUnauthenticated();
  return error;
}

function headers(method: string): Record<string, string> {
  return {
    'accept-language': i18n.language,
    ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
  };
}

/** A multipart upload (a document); the browser sets the boundary. */
export async function apiUpload<T>(path: string, form: FormData): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method: 'POST',
    headers: headers('POST'),
    body: form,
  });
  if (!response.ok) throw await refused(response);
  return (await response.json()) as T;
}

/**
 * Fetches a file with the session and hands it to the browser as a download under `filename`; with
 * a `body`, POSTs it as JSON (the encrypted export takes its password so).
 */
export async function apiDownload(path: string, filename: string, body?: unknown): Promise<void> {
  const method = body === undefined ? 'GET' : 'POST';
  const response = await fetch(`/api${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers(method),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await refused(response);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Asks the server to end the session (POST /api/auth/logout) and forgets its CSRF token at once. The page
 * does not wait for the answer to leave: whatever it is, this page holds no session any more.
 */
export async function endSession(): Promise<void> {
  const token = csrfToken;
  csrfToken = null;
  await fetch('/api/auth/logout', { method: 'POST', headers: token ? { 'x-csrf-token': token } : {} }).catch(
    () => undefined,
  );
}
