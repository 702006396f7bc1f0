// Places of birth as the codice fiscale encodes them: the Belfiore codes of Italian comuni (also former
// ones) and of foreign states (Z…), from @marketto/belfiore-connector-embedded (MIT; the data is the
// Interior Ministry's ANPR list and ISTAT's, CC BY), looked up in memory.
import { belfioreConnector } from '@marketto/belfiore-connector-embedded';

export interface Birthplace {
  name: string;
  belfiore: string;
  /** Province of a comune; absent for a foreign state. */
  province?: string;
}

const placeOf = (found: { name: string; belfioreCode: string; province?: string }): Birthplace => ({
  name: found.name,
  belfiore: found.belfioreCode,
  ...(found.province ? { province: found.province } : {}),
});

/** The comune or foreign state of that name (case ignored, accents as the register writes them). */
export async function birthplaceNamed(name: string): Promise<Birthplace | null> {
  const found = await belfioreConnector.findByName(name.trim());
  return found ? placeOf(found) : null;
}

export async function birthplaceOfCode(belfiore: string): Promise<Birthplace | null> {
  const found = await belfioreConnector.findByCode(belfiore);
  return found ? placeOf(found) : null;
}
