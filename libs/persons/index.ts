// The anagrafica: one person per ambito and codice fiscale, the code checked against the record, her
// percorsi and their links, merging duplicates (SQL in libs/persistence/person.repository.ts).
export * from './birthplaces.js';
export * from './codice-fiscale-check.js';
export * from './persons.module.js';
export * from './persons.service.js';
