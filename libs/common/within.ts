/**
 * The promise's outcome, or an error naming `what` after `ms`. BullMQ's Redis connection retries for ever
 * and holds commands meanwhile, so a call to a Redis that is down would otherwise never return.
 */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
