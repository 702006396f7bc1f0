// Who the user is and what they may see and do: passwords, login, tokens, the per-case access check
// (rules in workflows/case/access-rules.ts), data categories and the audit log.
export * from './access.module.js';
export * from './audit-log.js';
export * from './authentication.service.js';
export * from './case-access.js';
export * from './passwords.js';
export * from './person-access.js';
export * from './require-role.js';
export * from './retention.js';
export * from './second-factor.js';
export * from './sessions.js';
export * from './single-sign-on.js';
export * from './supervision-access.js';
export * from './viewer.js';
