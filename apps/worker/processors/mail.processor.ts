import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { ClaimedElsewhere, MailSender } from '../../../libs/notifications/index.js';
import { MAIL_QUEUE, type MailJob } from '../../../libs/scheduling/index.js';

// More jobs than SMTP connections (SMTP_CONNECTIONS): a job's claim and record overlap other jobs' sending.
@Processor(MAIL_QUEUE, { concurrency: 16 })
export class MailProcessor extends WorkerHost {
  constructor(@Inject(MailSender) private readonly sender: MailSender) {
    super();
  }

  /**
   * The job's progress keeps the Message-ID the SMTP server accepted, for a retry after the record failed. A
   * message another attempt holds waits until that claim runs out (a dead worker's: at most a minute), without
   * spending one of the job's attempts, and is looked at again then: sent, or claimed by this job.
   */
  async process(job: Job<MailJob>, token?: string) {
    const progress = job.progress as { accepted?: string } | number;
    try {
      return await this.sender.send(job.data, {
        accepted: typeof progress === 'object' ? (progress.accepted ?? null) : null,
        remember: (messageId) => job.updateProgress({ accepted: messageId }),
      });
    } catch (error) {
      if (!(error instanceof ClaimedElsewhere) || !error.until) throw error;
      await job.moveToDelayed(error.until.getTime() + CLAIM_RUN_OUT_MARGIN_MS, token);
      throw new DelayedError();
    }
  }
}

/** Past the claim's end, so that the clocks of PostgreSQL, Redis and this worker need not agree to the ms. */
const CLAIM_RUN_OUT_MARGIN_MS = 500;
