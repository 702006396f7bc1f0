// The diary of each case: dated notes under the data-category rules, edits kept as versions.
export * from './diary.module.js';
export * from './diary.service.js';
