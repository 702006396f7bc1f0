// Watches the worker's BullMQ workers: logs each finished or failed job as JSON with the request id that
// caused it (carried in the job data), and counts it for the metrics endpoint.
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue, Worker } from 'bullmq';
import { DEADLINES_QUEUE, MAIL_QUEUE } from '../scheduling/queues.js';
import { incrementCounter, type ClusterCounter } from './job-counters.js';
import { logJson } from './json-logger.js';
import { runWithRequestId } from './request-context.js';

interface ObservedJobData {
  caseId?: string;
  kind?: string;
  requestId?: string;
}

/** A Nest WorkerHost exposes its BullMQ worker once the explorer has created it (before bootstrap). */
export interface HasWorker {
  worker: Worker;
}

export class JobObserver implements OnApplicationBootstrap {
  constructor(
    private readonly hosts: HasWorker[],
    private readonly countersQueue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    for (const { worker } of this.hosts) {
      worker.on('completed', (job: Job<ObservedJobData>, result: unknown) =>
        this.record(
          job,
          'info',
          'job completed',
          { result },
          this.completedCounter(worker.name, job, result),
        ),
      );
      worker.on('failed', (job: Job<ObservedJobData> | undefined, error: Error) => {
        if (job)
          this.record(
            job,
            'warn',
            'job failed',
            { attempt: job.attemptsMade, error: error.message },
            {
              metric: 'job_failed',
              queue: worker.name,
            },
          );
      });
    }
  }

  private completedCounter(queue: string, job: Job<ObservedJobData>, result: unknown): ClusterCounter | null {
    if (queue === DEADLINES_QUEUE)
      return { metric: 'deadline_fired', kind: job.data.kind ?? 'unknown', result: String(result) };
    if (queue === MAIL_QUEUE) return { metric: 'email_sent', kind: job.data.kind ?? 'unknown' };
    return null;
  }

  private record(
    job: Job<ObservedJobData>,
    level: 'info' | 'warn',
    msg: string,
    fields: Record<string, unknown>,
    counter: ClusterCounter | null,
  ): void {
    const log = () =>
      logJson(level, msg, { queue: job.queueName, jobId: job.id, caseId: job.data.caseId, ...fields });
    if (job.data.requestId) runWithRequestId(job.data.requestId, log);
    else log();
    if (counter)
      incrementCounter(this.countersQueue, counter).catch((error: unknown) =>
        logJson('error', 'job counter not saved', { error: String(error) }),
      );
  }
}
