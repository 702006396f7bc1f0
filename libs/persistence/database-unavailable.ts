// Errors that say the database server, not the statement, failed (restarting, shut down, the connection
// lost): the request may succeed if retried in a moment, so the API answers 503, not 500.

/** SQLSTATE class 08 (connection exception); 57P01–57P03: shut down by an administrator, crashed, starting up. */
const UNAVAILABLE_STATES = /^(08...|57P0[1-3])$/;
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
/** node-postgres says so in words: a socket closed under a query, or no connection within the pool's timeout. */
const UNAVAILABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect)/;

export function databaseUnavailable(error: unknown): boolean {
  const outer = error as { code?: unknown; message?: unknown; driverError?: unknown } | null;
  return [outer, outer?.driverError as typeof outer].some(
    (candidate) =>
      !!candidate &&
      ((typeof candidate.code === 'string' &&
        (UNAVAILABLE_STATES.test(candidate.code) || UNAVAILABLE_ERRNOS.has(candidate.code))) ||
        (typeof candidate.message === 'string' && UNAVAILABLE_MESSAGES.test(candidate.message))),
  );
}
