import { describe, expect, it } from '@jest/globals';
import {
  codiceFiscaleCheckCharacter,
  codiceFiscaleOf,
  codiceFiscaleProblem,
  decodeCodiceFiscale,
  likelyBirthDate,
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

describe('likelyBirthDate', () => {
  const born = (code: string, today: string) => likelyBirthDate(decodeCodiceFiscale(code), new Date(today));
  it('takes the later century when the person is then at least 16, else the earlier', () => {
    // RSSMRA85T10A562S encodes 10 December ’85.
    expect(born('RSSMRA85T10A562S', '2026-12-06T10:00:00Z')).toBe('1985-12-10');
    expect(born(codiceFiscaleOf('Bianchi', 'Lara', '2010-04-21', 'F'), '2026-12-06T10:00:00Z')).toBe(
      '2010-04-21',
    );
    // Sixteen tomorrow: not yet, so a century earlier.
    expect(born(codiceFiscaleOf('Bianchi', 'Lara', '2010-12-07', 'F'), '2026-12-06T10:00:00Z')).toBe(
      '1910-12-07',
    );
    expect(born(codiceFiscaleOf('Bianchi', 'Lara', '2010-12-06', 'F'), '2026-12-06T10:00:00Z')).toBe(
      '2010-12-06',
    );
  });
});
