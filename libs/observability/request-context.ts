// The request id of the work in progress, carried through async calls so that every log line, outbox row
// and job caused by one HTTP request can be found with one search.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const context = new AsyncLocalStorage<{ requestId: string }>();

/** An id a client or proxy sent us is kept when it is short and plain; anything else gets a fresh one. */
const ACCEPTED_REQUEST_ID = /^[\w.-]{1,100}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && ACCEPTED_REQUEST_ID.test(header) ? header : randomUUID();
}

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return context.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}
