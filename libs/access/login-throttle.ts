// Slows down password guessing from one client: a fixed window of attempts per client key (the IP).
// Per process; the per-account lockout in the database holds across processes.
export class LoginThrottle {
  private readonly attempts = new Map<string, { windowStart: number; count: number }>();

  constructor(
    private readonly maxAttempts: number,
    private readonly windowMs: number,
  ) {}

  /** Counts an attempt; false when the client has used up its window. */
  allow(clientKey: string, now: number): boolean {
    const current = this.attempts.get(clientKey);
    if (!current || now - current.windowStart >= this.windowMs) {
      this.attempts.set(clientKey, { windowStart: now, count: 1 });
      if (this.attempts.size > 10_000) this.forgetExpired(now);
      return true;
    }
    current.count += 1;
    return current.count <= this.maxAttempts;
  }

  private forgetExpired(now: number): void {
    for (const [key, entry] of this.attempts)
      if (now - entry.windowStart >= this.windowMs) this.attempts.delete(key);
  }
}
