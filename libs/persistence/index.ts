// PostgreSQL through TypeORM: the data source, entities, migrations and the narrow case repository.
export * from './case.repository.js';
export * from './data-source.js';
export * from './database-unavailable.js';
export * from './deadline-rules.repository.js';
export * from './entities/index.js';
export * from './person.repository.js';
export * from './migrations/index.js';
export * from './persistence.module.js';
export * from './prepared.js';
export * from './worklist.repository.js';
export * from './outbox.js';
