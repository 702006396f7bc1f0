// Cluster-wide counts of what the processes did (jobs in the workers, case events in whichever process
// applied them), kept in Redis beside the queues so that any API process reports the same totals whichever
// process did the work, and they survive restarts. The key carries the queue prefix, hash tag included, so
// it lands in the queues' Redis Cluster slot.
import type { Queue } from 'bullmq';
import { redisOf } from '../scheduling/redis-connection.js';

export type ClusterCounter =
  | { metric: 'transition'; event: string }
  | { metric: 'deadline_fired'; kind: string; result: string }
  | { metric: 'email_sent'; kind: string }
  | { metric: 'job_failed'; queue: string };

export function counterField(counter: ClusterCounter): string {
  switch (counter.metric) {
    case 'transition':
      return `transition:${counter.event}`;
    case 'deadline_fired':
      return `deadline_fired:${counter.kind}:${counter.result}`;
    case 'email_sent':
      return `email_sent:${counter.kind}`;
    case 'job_failed':
      return `job_failed:${counter.queue}`;
  }
}

function keyOf(queue: Queue): string {
  return `${queue.opts.prefix ?? 'bull'}:metrics`;
}

export async function incrementCounter(queue: Queue, counter: ClusterCounter): Promise<void> {
  await (await redisOf(queue)).hincrby(keyOf(queue), counterField(counter), 1);
}

/** Every counter, by field; the fields split on ':' into the metric and its labels. */
export async function readCounters(queue: Queue): Promise<Record<string, number>> {
  const raw = await (await redisOf(queue)).hgetall(keyOf(queue));
  return Object.fromEntries(Object.entries(raw).map(([field, value]) => [field, Number(value)]));
}
