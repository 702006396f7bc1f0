// Small pieces every lib shares: error values, the injected clock, zod error mapping, SQL parameters,
// a time limit on a promise.
export * from './clock.js';
export * from './domain-error.js';
export * from './sql-params.js';
export * from './zod-problems.js';
export * from './uuid.js';
export * from './within.js';
