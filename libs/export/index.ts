// The case's documents (the PaIS to print and sign, the case file) and a person's art. 15 file: PDFs
// written with pdf-lib, exported inside an AES-256 ZIP written with zip.js.
export * from './case-export.service.js';
export * from './export.module.js';
export * from './person-export.service.js';
