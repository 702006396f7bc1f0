import { describe, expect, it } from '@jest/globals';
import { codiceFiscaleCheckCharacter, codiceFiscaleProblem } from './codice-fiscale.js';

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
