// From state change to job: the outbox relay, deadline planning and firing, the queues and their jobs.
export * from './deadline-firing.service.js';
export * from './deadline-planner.js';
export * from './deadline-timers.js';
export * from './mail-outbox.js';
export * from './notice-mailer.js';
export * from './outbox-relay.js';
export * from './queues.js';
export * from './queues.module.js';
export * from './recipient-directory.js';
export * from './redis-connection.js';
export * from './scheduling.module.js';
export * from './time-scale.js';
