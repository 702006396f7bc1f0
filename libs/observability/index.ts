// Logs, request ids, health and metrics: how operators see a running Percorsi.
export * from './job-counters.js';
export * from './job-observer.js';
export * from './json-logger.js';
export * from './observability.module.js';
export * from './operations.service.js';
export * from './request-context.js';
export * from './request-log.middleware.js';
export * from './snapshot-check.js';
export * from './transition-counter.js';
