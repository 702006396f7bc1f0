// The encrypted case file and a person's art. 15 file: a PDF in an AES-256 ZIP, written with Node's own crypto.
export * from './aes-zip.js';
export * from './case-export.service.js';
export * from './export.module.js';
export * from './person-export.service.js';
export * from './simple-pdf.js';
