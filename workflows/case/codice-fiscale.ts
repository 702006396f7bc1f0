// Italian tax code (codice fiscale) for natural persons: 16 characters whose last one is a check
// character computed from the first 15. Omocodia substitutions (digits replaced by letters) are valid.

const PATTERN = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

const ODD_VALUES: Record<string, number> = {
  '0': 1,
  '1': 0,
  '2': 5,
  '3': 7,
  '4': 9,
  '5': 13,
  '6': 15,
  '7': 17,
  '8': 19,
  '9': 21,
  A: 1,
  B: 0,
  C: 5,
  D: 7,
  E: 9,
  F: 13,
  G: 15,
  H: 17,
  I: 19,
  J: 21,
  K: 2,
  L: 4,
  M: 18,
  N: 20,
  O: 11,
  P: 3,
  Q: 6,
  R: 8,
  S: 12,
  T: 14,
  U: 16,
  V: 10,
  W: 22,
  X: 25,
  Y: 24,
  Z: 23,
};

function evenValue(char: string): number {
  return /[0-9]/.test(char) ? Number(char) : char.charCodeAt(0) - 65;
}

export function codiceFiscaleCheckCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const char = first15[i];
    // Positions are counted from 1 in the specification, so index 0 is an "odd" position.
    sum += i % 2 === 0 ? ODD_VALUES[char] : evenValue(char);
  }
  return String.fromCharCode(65 + (sum % 26));
}

export type CodiceFiscaleProblem = 'format' | 'check_character';

/** Returns why the code is invalid, or null when it is valid. Expects upper case without spaces. */
export function codiceFiscaleProblem(code: string): CodiceFiscaleProblem | null {
  if (!PATTERN.test(code)) return 'format';
  return codiceFiscaleCheckCharacter(code.slice(0, 15)) === code[15] ? null : 'check_character';
}
