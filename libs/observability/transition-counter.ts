// Counts every committed case event in the cluster-wide counters, in whichever process applied it: the API
// for users' events, the worker for the system's (escalations). Counting here rather than from the case
// history keeps a scrape from scanning that table.
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CaseEngine } from '../engine/case-engine.service.js';
import { DEADLINES_QUEUE } from '../scheduling/queues.js';
import { incrementCounter } from './job-counters.js';
import { logJson } from './json-logger.js';

@Injectable()
export class TransitionCounter implements OnModuleInit {
  constructor(
    @Inject(CaseEngine) private readonly engine: CaseEngine,
    @InjectQueue(DEADLINES_QUEUE) private readonly countersQueue: Queue,
  ) {}

  onModuleInit(): void {
    // Not awaited: the event is committed already, and a Redis outage must not fail or slow its request.
    this.engine.onCommitted(({ eventType }) => {
      incrementCounter(this.countersQueue, { metric: 'transition', event: eventType }).catch(
        (error: unknown) => logJson('error', 'transition counter not saved', { error: String(error) }),
      );
    });
  }
}
