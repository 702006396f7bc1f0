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

const MONTH_LETTERS = 'ABCDEHLMPRST';
/** Omocodia replaces the digits of positions 7–8, 10–11 and 13–15 with these letters, 0 to 9. */
const OMOCODIA_LETTERS = 'LMNPQRSTUV';
const OMOCODIA_POSITIONS = [6, 7, 9, 10, 12, 13, 14];

/** What a codice fiscale says about its holder, with the omocodia letters read back as digits. */
export interface CodiceFiscaleData {
  /** The last two digits of the birth year: the century is not encoded. */
  birthYear: number;
  birthMonth: number;
  birthDay: number;
  sex: 'M' | 'F';
  /** A comune (letter + 3 digits) or, with Z, a foreign state. */
  belfiore: string;
}

/** The birth data a valid code encodes (check codiceFiscaleProblem first). */
export function decodeCodiceFiscale(code: string): CodiceFiscaleData {
  const chars = code.split('');
  for (const position of OMOCODIA_POSITIONS) {
    const letter = OMOCODIA_LETTERS.indexOf(chars[position]);
    if (letter >= 0) chars[position] = String(letter);
  }
  const plain = chars.join('');
  const day = Number(plain.slice(9, 11));
  return {
    birthYear: Number(plain.slice(6, 8)),
    birthMonth: MONTH_LETTERS.indexOf(plain[8]) + 1,
    birthDay: day > 40 ? day - 40 : day,
    sex: day > 40 ? 'F' : 'M',
    belfiore: plain.slice(11, 15),
  };
}

/**
 * The birth date (YYYY-MM-DD) a code's data most likely mean on `today`: the code has no century, so of the
 * two it could be, the later one that makes the person at least 16 (the age from which one is referred for
 * work inclusion), else the earlier. A guess to prefill a form with, for the operator to check.
 */
export function likelyBirthDate(data: CodiceFiscaleData, today: Date): string {
  const on = (century: number) =>
    `${century + data.birthYear}-${String(data.birthMonth).padStart(2, '0')}-${String(data.birthDay).padStart(2, '0')}`;
  const sixteenYearsAgo = `${today.getUTCFullYear() - 16}-${today.toISOString().slice(5, 10)}`;
  return on(2000) <= sixteenYearsAgo ? on(2000) : on(1900);
}

function letters(text: string): { consonants: string; vowels: string } {
  const plain = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  return { consonants: plain.replace(/[AEIOU]/g, ''), vowels: plain.replace(/[^AEIOU]/g, '') };
}

function surnameCode(surname: string): string {
  const { consonants, vowels } = letters(surname);
  return `${consonants}${vowels}XXX`.slice(0, 3);
}

function nameCode(name: string): string {
  const { consonants, vowels } = letters(name);
  const picked = consonants.length > 3 ? consonants[0] + consonants.slice(2, 4) : consonants;
  return `${picked}${vowels}XXX`.slice(0, 3);
}

/** The codice fiscale that agrees with these data (without omocodia): the demo's and the tests' people. */
export function codiceFiscaleOf(
  lastName: string,
  firstName: string,
  birthDate: string,
  sex: 'M' | 'F' = 'M',
  belfiore = 'E715',
): string {
  const [year, month, day] = birthDate.split('-').map(Number);
  const dayCode = String(day + (sex === 'F' ? 40 : 0)).padStart(2, '0');
  const first15 = `${surnameCode(lastName)}${nameCode(firstName)}${String(year % 100).padStart(2, '0')}${
    MONTH_LETTERS[month - 1]
  }${dayCode}${belfiore}`;
  return first15 + codiceFiscaleCheckCharacter(first15);
}
