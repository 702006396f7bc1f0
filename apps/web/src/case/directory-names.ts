// Names for the ids a case stores (organisations authorised by the consent, who assessed a domain), read
// from the ambito's directory the pickers already load.
import { useOrganisations, useUsers } from '../api/queries';

export function useDirectoryNames() {
  const organisations = useOrganisations();
  const users = useUsers();
  return {
    organisation: (id: string) =>
      organisations.data?.find((organisation) => organisation.id === id)?.name ?? id,
    user: (id: string) => users.data?.find((user) => user.id === id)?.fullName ?? id,
  };
}
