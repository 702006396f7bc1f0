// A codice fiscale that agrees with the person (surname, name, birth date, sex, a Belfiore code), so test
// people look real to every check of the record: distinct people get distinct codes.
import { codiceFiscaleCheckCharacter } from '../../workflows/case/index.js';

const MONTHS = 'ABCDEHLMPRST';

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
    MONTHS[month - 1]
  }${dayCode}${belfiore}`;
  return first15 + codiceFiscaleCheckCharacter(first15);
}
