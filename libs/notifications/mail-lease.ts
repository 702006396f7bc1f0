// A worker's claim on one message of the mail outbox, kept alive for as long as the worker sends the message
// and records it. The claim is what keeps a second job of the same message (Redis lost the first while it
// ran, and the reconciler put it back) from sending it again; it must therefore outlive every slow step of a
// worker that is alive — an SMTP server slow to answer, PostgreSQL restarting under the record — and only
// that: a worker that died lets it run out, and the message goes again.
import type { NotificationRepository } from './notification.repository.js';

export class MailLease {
  private readonly timer: NodeJS.Timeout;
  private lost = false;

  /** `confirmedAt`: when the claim was asked for (`performance.now()`), later when a renewal was. */
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly idempotencyKey: string,
    private readonly owner: string,
    private readonly leaseMs: number,
    private confirmedAt: number,
  ) {
    // Four renewals a lease: PostgreSQL restarting misses one or two, not all.
    this.timer = setInterval(() => void this.renew().catch(() => undefined), leaseMs / 4);
    this.timer.unref();
  }

  /**
   * Before the message goes to the SMTP server: the claim is still this worker's. A process that stood still
   * (CPU starved, paused) for half a lease since PostgreSQL last confirmed it asks again, since another worker
   * may have taken it meanwhile; a claim lost is never sent on.
   */
  async ensureHeld(): Promise<void> {
    if (!this.lost && performance.now() - this.confirmedAt > this.leaseMs / 2) await this.renew();
    if (this.lost)
      throw new Error(`e-mail ${this.idempotencyKey}: its claim ran out and another worker took it`);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async renew(): Promise<void> {
    if (this.lost) return;
    const asked = performance.now();
    if (await this.notifications.renewClaim(this.idempotencyKey, this.owner, this.leaseMs))
      this.confirmedAt = asked;
    else this.lost = true;
  }
}
