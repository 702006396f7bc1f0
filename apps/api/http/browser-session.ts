// How a browser holds its session: the token in an HttpOnly cookie (no script on the page can read it),
// SameSite=Strict, Secure in production, and a synchronizer CSRF token (csrf-sync) that the page sends back
// in `X-CSRF-Token` on every state-changing request. API clients send their token as a bearer header
// instead, which no other site can make a browser send, so they need no CSRF token.
//
// Why Strict rather than Lax: every request that needs the session is a same-origin fetch of the web app,
// so Strict costs nothing; the UI's own pages are served without it, so a link from an e-mail to a case
// still opens logged in (the page loads, then its same-site API calls carry the cookie). Strict also keeps
// the cookie off any cross-site navigation to the API itself (a link to a PDF planted on another site).
import type { Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import type { AppConfig } from '../../../libs/config/index.js';

type WithCsrfState = Request & { csrfState?: string | null };

export const csrf = csrfSync({
  getTokenFromState: (request) => (request as WithCsrfState).csrfState,
  storeTokenInState: (request, token) => {
    (request as WithCsrfState).csrfState = token;
  },
  getTokenFromRequest: (request) => request.get('x-csrf-token'),
  size: 32,
});

/** A new CSRF token for a browser session about to be opened. */
export function newCsrfToken(request: Request): string {
  return csrf.generateToken(request, true);
}

/** Whether a request that came with a browser session's cookie may go on: safe methods, or the session's token. */
export function passesCsrfCheck(request: Request, response: Response, sessionToken: string | null): boolean {
  (request as WithCsrfState).csrfState = sessionToken;
  let passed = false;
  // The middleware decides (its ignored methods, its comparison) and calls back at once.
  csrf.csrfSynchronisedProtection(request, response, (error?: unknown) => {
    passed = !error;
  });
  return passed;
}

export class SessionCookie {
  readonly name: string;
  readonly secure: boolean;

  constructor(config: Pick<AppConfig, 'NODE_ENV'>) {
    this.secure = config.NODE_ENV === 'production';
    // __Host-: the browser takes it only over HTTPS, for this host and path /, so no sibling domain can
    // plant or overwrite it. Outside production (http://localhost) the prefix would be refused.
    this.name = this.secure ? '__Host-percorsi-session' : 'percorsi-session';
  }

  read(request: Request): string | undefined {
    const cookies = request.cookies as Record<string, string> | undefined;
    return cookies?.[this.name];
  }

  set(response: Response, token: string): void {
    // No expiry: the cookie goes when the browser closes; the server ends the session at its own times.
    response.cookie(this.name, token, { httpOnly: true, sameSite: 'strict', secure: this.secure, path: '/' });
  }

  clear(response: Response): void {
    response.clearCookie(this.name, { httpOnly: true, sameSite: 'strict', secure: this.secure, path: '/' });
  }
}
