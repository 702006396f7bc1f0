// The referral form asks whether the ambito knows the codice fiscale typed: the API answers only to roles
// that may see the person (the referring service is told nothing), so for them nothing shows.
import { useQuery } from '@tanstack/react-query';
import { findPerson, type PersonRecord } from './person-queries';

export function useKnownPerson(codiceFiscale: string | null): PersonRecord | null {
  const found = useQuery({
    queryKey: ['person', 'codiceFiscale', codiceFiscale],
    queryFn: () => findPerson(codiceFiscale!),
    enabled: codiceFiscale !== null,
  });
  return codiceFiscale && found.data ? found.data.person : null;
}
