// Filters kept in the address bar, so that back and reload keep a search: a change replaces the entry (no
// history step per keystroke), an empty value removes its parameter, and any change but the page's own goes
// back to page 1.
import { useSearchParams } from 'react-router';

export function useAddressFilters() {
  const [params, setParams] = useSearchParams();
  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    if (!('pagina' in changes)) next.delete('pagina');
    setParams(next, { replace: true });
  }
  return { params, update };
}
