import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MailSender } from '../../../libs/notifications/index.js';
import { MAIL_QUEUE, type MailJob } from '../../../libs/scheduling/index.js';

// More jobs than SMTP connections (SMTP_CONNECTIONS): a job's claim and record overlap other jobs' sending.
@Processor(MAIL_QUEUE, { concurrency: 16 })
export class MailProcessor extends WorkerHost {
  constructor(@Inject(MailSender) private readonly sender: MailSender) {
    super();
  }

  /** The job's progress keeps the Message-ID the SMTP server accepted, for a retry after the record failed. */
  process(job: Job<MailJob>) {
    const progress = job.progress as { accepted?: string } | number;
    return this.sender.send(job.data, {
      accepted: typeof progress === 'object' ? (progress.accepted ?? null) : null,
      remember: (messageId) => job.updateProgress({ accepted: messageId }),
    });
  }
}
