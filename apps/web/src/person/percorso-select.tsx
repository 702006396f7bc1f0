// REJECT as "già in carico" names the percorso that already takes care of the person: one of hers the
// coordinator sees in the overlap box.
import { Select } from '@mantine/core';
import { formatDate } from '../format';
import { useLabels } from '../i18n/labels';
import { useCaseLinks } from './person-queries';

export function PercorsoSelect({
  caseId,
  ...input
}: {
  caseId: string;
  value?: string;
  onChange?: (value: string | null) => void;
  error?: string;
}) {
  const { t, state } = useLabels();
  const percorsi = useCaseLinks(caseId).data?.otherPercorsi ?? [];
  return (
    <Select
      label={t('person.inCarePercorso')}
      description={percorsi.length ? undefined : t('person.noOtherPercorso')}
      withAsterisk
      data={percorsi.map((percorso) => ({
        value: percorso.id,
        label: `${state(percorso.state)} — ${t('person.referredBy', {
          organisation: percorso.referringOrganisation,
          date: formatDate(percorso.openedAt),
        })}`,
      }))}
      {...input}
    />
  );
}
