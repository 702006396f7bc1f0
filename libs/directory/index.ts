// Who is who in a territory: organisations and users, read by the UI's pickers, managed (with the ambito's
// deadline rules) by its amministratore.
export * from './administration-deadlines.js';
export * from './administration.service.js';
export * from './chart-versions.js';
export * from './directory.module.js';
export * from './directory.service.js';
export * from './reference-check.js';
