// Supervision of an ambito: stuck and overdue cases, dashboard figures and their CSV, the rules that say
// what is late, and the per-case facts the case repository keeps for them with each transition.
export * from './case-facts.js';
export * from './csv.js';
export * from './dashboard.js';
export * from './lateness.js';
export * from './lateness-recompute.js';
export * from './stuck-cases.js';
export * from './supervision-projector.js';
export * from './supervision-rules.js';
export * from './supervision.module.js';
export * from './supervision.service.js';
export * from './thresholds.js';
