import type { NextFunction, Request, Response } from 'express';

/**
 * Conservative headers on every response. CORS stays closed: no Access-Control-* header is ever sent,
 * so browsers refuse cross-origin calls; the UI is served from the same origin.
 */
export function securityHeaders(production: boolean) {
  return (request: Request, response: Response, next: NextFunction) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader(
      'Content-Security-Policy',
      // Mantine injects its styles at run time, hence 'unsafe-inline' for styles only.
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    response.removeHeader('X-Powered-By');
    // API answers carry personal data (cases, history, exports, audit): no browser or proxy may keep them.
    if (request.path === '/api' || request.path.startsWith('/api/')) {
      response.setHeader('Cache-Control', 'no-store');
    }
    if (production) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}
