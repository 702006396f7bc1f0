// A codice fiscale against the record it comes with: the birth date, sex and birthplace it encodes
// (omocodia read back, see workflows/case/codice-fiscale.ts). A disagreement is usually a typo, sometimes
// real (codes issued on wrong data stay valid), so it is a 422 naming the field unless the operator
// confirms; what the code encodes fills in sex and birthplace when the record leaves them out.
import { decodeCodiceFiscale, type PersonInput } from '../../workflows/case/index.js';
import { DomainError, type FieldProblem } from '../common/index.js';
import type { ReferredPerson } from '../persistence/person.repository.js';
import { birthplaceNamed, birthplaceOfCode } from './birthplaces.js';

const CONFIRM = 'set codiceFiscaleConfirmed to keep both';

const ddmmyy = (day: number, month: number, year: number) =>
  [day, month, year].map((part) => String(part).padStart(2, '0')).join('/');

/** Where a disagreement is reported: beside the record's field, or (null) on the code added to a record. */
function problemAt(prefix: string | null, field: string, reason: string): FieldProblem {
  return prefix === null
    ? { field: 'codiceFiscale', reason: `the record's ${field} ${reason}` }
    : { field: `${prefix}.${field}`, reason };
}

/**
 * The person as recorded: her birthplace resolved to its Belfiore code, sex and birthplace taken from the
 * code when missing; or a 422 naming each field that disagrees with the code (`prefix.birthDate`, …).
 */
export async function checkedPerson(
  input: PersonInput,
  prefix: string | null = 'person',
): Promise<ReferredPerson> {
  const { codiceFiscaleConfirmed, ...person } = input;
  const named = person.birthplace ? await birthplaceNamed(person.birthplace) : null;
  const recorded: ReferredPerson = {
    ...person,
    ...(named ? { birthplace: named.name, birthplaceCode: named.belfiore } : {}),
  };
  if (!person.codiceFiscale) return recorded;
  const encoded = decodeCodiceFiscale(person.codiceFiscale);
  const encodedPlace = await birthplaceOfCode(encoded.belfiore);
  const placeName = encodedPlace ? `${encodedPlace.name} (${encoded.belfiore})` : encoded.belfiore;
  const problems: FieldProblem[] = [];
  const [year, month, day] = person.birthDate.split('-').map(Number);
  if (year % 100 !== encoded.birthYear || month !== encoded.birthMonth || day !== encoded.birthDay) {
    problems.push(
      problemAt(
        prefix,
        'birthDate',
        `disagrees with the codice fiscale, which encodes a birth on ${ddmmyy(encoded.birthDay, encoded.birthMonth, encoded.birthYear)} (${CONFIRM})`,
      ),
    );
  }
  if (person.sex && person.sex !== encoded.sex) {
    problems.push(
      problemAt(
        prefix,
        'sex',
        `disagrees with the codice fiscale, which encodes sex ${encoded.sex} (${CONFIRM})`,
      ),
    );
  }
  if (person.birthplace && !named) {
    problems.push(
      problemAt(
        prefix,
        'birthplace',
        `is no comune or foreign state of the Belfiore register; the codice fiscale encodes ${placeName} (${CONFIRM})`,
      ),
    );
  } else if (named && named.belfiore !== encoded.belfiore) {
    problems.push(
      problemAt(
        prefix,
        'birthplace',
        `is ${named.name} (${named.belfiore}); the codice fiscale encodes ${placeName} (${CONFIRM})`,
      ),
    );
  } else if (!person.birthplace && !encodedPlace) {
    problems.push({
      field: prefix === null ? 'codiceFiscale' : `${prefix}.codiceFiscale`,
      reason: `encodes the birthplace code ${encoded.belfiore}, which is no comune or foreign state (${CONFIRM})`,
    });
  }
  if (problems.length && !codiceFiscaleConfirmed) throw DomainError.invalidPayload(problems);
  return {
    ...recorded,
    sex: recorded.sex ?? encoded.sex,
    ...(!person.birthplace && encodedPlace
      ? { birthplace: encodedPlace.name, birthplaceCode: encodedPlace.belfiore }
      : {}),
  };
}
