// Who is who in a territory: organisations and users, read by the UI's pickers, managed by administrators.
export * from './administration.service.js';
export * from './directory.module.js';
export * from './directory.service.js';
export * from './reference-check.js';
