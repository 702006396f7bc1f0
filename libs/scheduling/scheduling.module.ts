import { getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Retention } from '../access/retention.js';
import { CLOCK, type Clock } from '../common/index.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CaseEngine } from '../engine/case-engine.service.js';
import { EngineModule } from '../engine/engine.module.js';
import { MailSender } from '../notifications/mail-sender.js';
import { NotificationRepository } from '../notifications/notification.repository.js';
import { CaseRepository } from '../persistence/case.repository.js';
import { DeadlineRulesRepository } from '../persistence/deadline-rules.repository.js';
import { DeadlineFiring } from './deadline-firing.service.js';
import { DeadlineTimers } from './deadline-timers.js';
import { MailOutbox } from './mail-outbox.js';
import { NoticeMailer } from './notice-mailer.js';
import { OutboxRelay } from './outbox-relay.js';
import { MAIL_QUEUE } from './queues.js';
import { QueuesModule } from './queues.module.js';
import { RecipientDirectory } from './recipient-directory.js';

/** Everything the worker needs to turn state changes into jobs and jobs into e-mails and escalations. */
@Module({
  imports: [QueuesModule, EngineModule],
  providers: [
    {
      provide: Retention,
      inject: [DataSource, CLOCK, APP_CONFIG],
      useFactory: (ds: DataSource, clock: Clock, config: AppConfig) =>
        new Retention(ds, clock, config.RETENTION_YEARS),
    },
    {
      provide: RecipientDirectory,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new RecipientDirectory(ds),
    },
    {
      provide: MailOutbox,
      inject: [DataSource, getQueueToken(MAIL_QUEUE), CLOCK],
      useFactory: (ds: DataSource, mail: Queue, clock: Clock) => new MailOutbox(ds, mail, clock),
    },
    {
      provide: NoticeMailer,
      inject: [RecipientDirectory, MailOutbox, APP_CONFIG],
      useFactory: (recipients: RecipientDirectory, mail: MailOutbox, config: AppConfig) =>
        new NoticeMailer(recipients, mail, config.PUBLIC_URL),
    },
    {
      provide: OutboxRelay,
      inject: [
        DataSource,
        MailOutbox,
        DeadlineRulesRepository,
        NoticeMailer,
        DeadlineTimers,
        CLOCK,
        APP_CONFIG,
      ],
      useFactory: (
        ds: DataSource,
        mail: MailOutbox,
        rules: DeadlineRulesRepository,
        notices: NoticeMailer,
        timers: DeadlineTimers,
        clock: Clock,
        config: AppConfig,
      ) =>
        new OutboxRelay(ds, mail, rules, notices, timers, clock, {
          intervalMs: config.RELAY_INTERVAL_MS,
          secondsPerDay: config.TIME_SCALE_SECONDS_PER_DAY,
        }),
    },
    {
      provide: DeadlineFiring,
      inject: [DataSource, CaseRepository, CaseEngine, RecipientDirectory, MailOutbox, CLOCK, APP_CONFIG],
      useFactory: (
        ds: DataSource,
        cases: CaseRepository,
        engine: CaseEngine,
        recipients: RecipientDirectory,
        mail: MailOutbox,
        clock: Clock,
        config: AppConfig,
      ) => new DeadlineFiring(ds, cases, engine, recipients, mail, clock, config.PUBLIC_URL),
    },
    {
      provide: MailSender,
      inject: [NotificationRepository, CLOCK, APP_CONFIG],
      useFactory: (notifications: NotificationRepository, clock: Clock, config: AppConfig) =>
        new MailSender(config.SMTP_URL, config.MAIL_FROM, notifications, clock, {
          connections: config.SMTP_CONNECTIONS,
        }),
    },
  ],
  exports: [QueuesModule, OutboxRelay, DeadlineFiring, MailOutbox, MailSender, Retention],
})
export class SchedulingModule {}
