// Who is who in a territory, read-only: organisations and users for the UI's pickers.
export * from './directory.module.js';
export * from './directory.service.js';
