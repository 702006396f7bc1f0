// The audit log's field paths in words: every kind a service writes, in both languages.
import { describe, expect, it } from '@jest/globals';
import { auditFieldName } from './index.js';

const CASE = '0b7c2f9e-1234-4abc-8def-0123456789ab';

describe('audit field names', () => {
  it.each([
    ['data.assessments', 'Valutazioni', 'Assessments'],
    ['data.assessments.dipendenze', 'Valutazioni: Dipendenze', 'Assessments: Addiction'],
    [
      'data.referral.needs.salute_mentale',
      'Bisogni indicati nella segnalazione: Salute mentale',
      'Needs named in the referral: Mental health',
    ],
    ['history.7.eventData', 'Storico (evento 7)', 'History (event 7)'],
    ['history.1.eventData.referral.needs', 'Storico (evento 1): bisogni', 'History (event 1): needs'],
    [`diary.${CASE}`, 'Diario (nota 0b7c2f9e)', 'Diary (note 0b7c2f9e)'],
    [
      `diary.${CASE}.versions`,
      'Diario: versioni precedenti (nota 0b7c2f9e)',
      'Diary: earlier versions (note 0b7c2f9e)',
    ],
    [`documents.${CASE}`, 'Documento (codice 0b7c2f9e)', 'Document (code 0b7c2f9e)'],
    ['fascicolo', 'Fascicolo del caso', 'Case file'],
    [
      'escluso:data.referral.needs',
      'Escluso: Bisogni indicati nella segnalazione',
      'Left out: Needs named in the referral',
    ],
    [`persona.${CASE}`, 'Scheda della persona (codice 0b7c2f9e)', 'Person record (code 0b7c2f9e)'],
    [
      `persona.${CASE}.codiceFiscale`,
      'Scheda della persona (codice 0b7c2f9e): codice fiscale',
      'Person record (code 0b7c2f9e): codice fiscale',
    ],
    [`caso.${CASE}`, 'Percorso (codice 0b7c2f9e)', 'Percorso (code 0b7c2f9e)'],
    ['something.new', 'something.new', 'something.new'],
  ])('%s', (field, it, en) => {
    expect(auditFieldName(field)).toEqual({ it, en });
  });
});
