// The diary of the percorso: dated, categorised notes whose edits keep the earlier text.
export * from './case-diary.service.js';
export * from './diary.module.js';
