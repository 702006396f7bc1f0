import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MailSender } from '../../../libs/notifications/index.js';
import { MAIL_QUEUE, type MailJob } from '../../../libs/scheduling/index.js';

@Processor(MAIL_QUEUE, { concurrency: 4 })
export class MailProcessor extends WorkerHost {
  constructor(@Inject(MailSender) private readonly sender: MailSender) {
    super();
  }

  process(job: Job<MailJob>) {
    return this.sender.send(job.data);
  }
}
