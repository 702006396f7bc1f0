// The case statechart and everything clients need to speak to it: payload schemas, vocabularies,
// labels, deadlines and pure snapshot helpers. No Nest, no I/O.
export * from './access-rules.js';
export * from './audit-fields.js';
export * from './case.machine.js';
export * from './case-snapshot.js';
export * from './chart-migrations.js';
export * from './codice-fiscale.js';
export * from './context.js';
export * from './deadlines.js';
export * from './diary.js';
export * from './describe-workflow.js';
export * from './event-dates.js';
export * from './field-reasons.js';
export * from './events.js';
export * from './guards.js';
export * from './labels.js';
export * from './membership.js';
export * from './notices.js';
export * from './person.js';
export * from './primitives.js';
export * from './referral.js';
export * from './references.js';
export * from './versions.js';
export * from './vocabulary.js';
export * from './examples.js';
