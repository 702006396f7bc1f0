import { describe, expect, it } from '@jest/globals';
import {
  codiceFiscaleCheckCharacter,
  codiceFiscaleOf,
  codiceFiscaleProblem,
  decodeCodiceFiscale,
} from './codice-fiscale.js';

describe('codice fiscale', () => {
  it('accepts well-known valid codes, including omocodia', () => {
    expect(codiceFiscaleProblem('RSSMRA85T10A562S')).toBeNull();
    expect(codiceFiscaleProblem('MRTMTT91D08F205J')).toBeNull();
    expect(codiceFiscaleProblem('RSSMRA85T10A56NH')).toBeNull();
  });

  it('computes the check character from the first fifteen characters', () => {
    expect(codiceFiscaleCheckCharacter('RSSMRA85T10A562')).toBe('S');
  });

  it('rejects a wrong check character', () => {
    expect(codiceFiscaleProblem('RSSMRA85T10A562X')).toBe('check_character');
  });

  it('rejects malformed codes', () => {
    expect(codiceFiscaleProblem('RSSMRA85T10A562')).toBe('format');
    expect(codiceFiscaleProblem('RSSMRA85Z10A562S')).toBe('format');
    expect(codiceFiscaleProblem('rssmra85t10a562s')).toBe('format');
  });
});

describe('decodeCodiceFiscale', () => {
  it('reads birth date, sex and Belfiore code, with omocodia letters read back as digits', () => {
    expect(decodeCodiceFiscale('RSSMRA85T10A562S')).toEqual({
      birthYear: 85,
      birthMonth: 12,
      birthDay: 10,
      sex: 'M',
      belfiore: 'A562',
    });
    expect(decodeCodiceFiscale(codiceFiscaleOf('Verdi', 'Anna', '2001-02-28', 'F', 'Z330'))).toMatchObject({
      birthYear: 1,
      birthMonth: 2,
      birthDay: 28,
      sex: 'F',
      belfiore: 'Z330',
    });
    // Every digit replaced: 85 → UR, 10 → ML, A562 → ARSN.
    expect(decodeCodiceFiscale('RSSMRAURTMLARSNL')).toEqual(decodeCodiceFiscale('RSSMRA85T10A562S'));
  });
});
