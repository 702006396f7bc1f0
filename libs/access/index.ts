// Who the user is: passwords, login, tokens. Per-case rules arrive with the access-control issue.
export * from './access.module.js';
export * from './authentication.service.js';
export * from './passwords.js';
