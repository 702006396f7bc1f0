// fetch with the session's bearer token; every refusal becomes an ApiError carrying the API's error body.
export interface FieldProblem {
  field: string;
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

let token: string | null = localStorage.getItem('percorsi.token');
let onUnauthenticated: () => void = () => {};

export function setToken(value: string | null): void {
  token = value;
  if (value) localStorage.setItem('percorsi.token', value);
  else localStorage.removeItem('percorsi.token');
}

export function getToken(): string | null {
  return token;
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
      ...(token ? { authorization: `Bearer ${token}` } : {}),
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
  if (response.status === 401 && token) onUnauthenticated();
  return error;
}

/** A multipart upload (a document); the browser sets the boundary. */
export async function apiUpload<T>(path: string, form: FormData): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  if (!response.ok) throw await refused(response);
  return (await response.json()) as T;
}

/**
 * Fetches a file with the session's token and hands it to the browser as a download under `filename`; with
 * a `body`, POSTs it as JSON (the encrypted export takes its password so).
 */
export async function apiDownload(path: string, filename: string, body?: unknown): Promise<void> {
  const response = await fetch(`/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await refused(response);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  URL.revokeObjectURL(url);
}
