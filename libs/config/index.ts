// Start-up configuration, validated once.
export * from './config.js';
export * from './config.module.js';
export * from './signing-key.js';
