// The case engine: apply an event (restore → check → run → persist) and read cases back (one case, lists,
// the operator's worklist).
export * from './case-engine.service.js';
export * from './case-reader.service.js';
export * from './engine.module.js';
export * from './worklist.service.js';
