// E-mail: Italian templates, the SMTP sender that records each message once, the local mail catcher.
export * from './mail-catcher.js';
export * from './mail-sender.js';
export * from './notification.repository.js';
export * from './templates.js';
export * from './calendar.js';
