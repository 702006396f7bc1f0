// Gives every HTTP request an id (the caller's X-Request-Id, or a new one), returns it in the response
// and logs the request when it ends. Paths are logged without their query string, which may hold names.
import type { NextFunction, Request, Response } from 'express';
import { logJson } from './json-logger.js';
import { requestIdFrom, runWithRequestId } from './request-context.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** `logRequests: false` keeps the ids but writes no line per request (the tests' in-process APIs). */
export function requestLog(logRequests: boolean) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const requestId = requestIdFrom(request.headers['x-request-id']);
    const started = process.hrtime.bigint();
    response.setHeader(REQUEST_ID_HEADER, requestId);
    if (logRequests) {
      response.on('finish', () =>
        runWithRequestId(requestId, () =>
          logJson('info', 'request', {
            method: request.method,
            path: request.path,
            status: response.statusCode,
            durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
          }),
        ),
      );
    }
    runWithRequestId(requestId, next);
  };
}
