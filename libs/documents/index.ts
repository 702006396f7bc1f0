// Documents on a case: their records, the store of their bytes, who may file and read them.
export * from './case-documents.service.js';
export * from './document-store.js';
export * from './documents.module.js';
export * from './signed-form-check.js';
