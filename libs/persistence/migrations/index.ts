import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';

/** Every migration, in order. Listed explicitly: ES modules cannot be globbed by TypeORM. */
export const MIGRATIONS = [InitialSchema1764000000000];
