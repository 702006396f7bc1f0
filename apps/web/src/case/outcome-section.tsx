// Esito: the primary outcome and the others, the contract for an employment, the note, and the
// follow-ups the chart plans after an employment (the server's dates; a follow-up is asked of the
// responsabile, not an action on the closed case).
import { List, SimpleGrid } from '@mantine/core';
import type { CaseView } from '../api/types';
import { formatDate, formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';
import { Fact, FileSection } from './file-section';

export function OutcomeSection({ view }: { view: CaseView }) {
  const { t, vocab } = useLabels();
  const outcome = view.data.outcome;
  const followUps = view.closed ? view.deadlines : [];
  return (
    <FileSection id="esito" title={t('file.outcome')} empty={outcome ? undefined : t('file.noOutcome')}>
      {outcome && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Fact label={t('fields.primaryOutcome')}>{vocab('outcome', outcome.primary)}</Fact>
            <Fact label={t('file.closedOn')}>{formatDateTime(outcome.at)}</Fact>
            {outcome.secondary.length > 0 && (
              <Fact label={t('fields.secondaryOutcomes')}>
                {outcome.secondary.map((code) => vocab('outcome', code)).join(', ')}
              </Fact>
            )}
            {outcome.contractType && (
              <Fact label={t('fields.contractType')}>{vocab('contractType', outcome.contractType)}</Fact>
            )}
          </SimpleGrid>
          {outcome.note && <Fact label={t('event.note')}>{outcome.note}</Fact>}
          {followUps.length > 0 && (
            <Fact label={t('file.followUps')}>
              <List size="sm" data-testid="follow-ups">
                {followUps.map((deadline) => (
                  <List.Item key={deadline.key}>
                    {deadline.label}: {t('file.followUpOn', { date: formatDate(deadline.dueAt) })}
                  </List.Item>
                ))}
              </List>
            </Fact>
          )}
        </>
      )}
    </FileSection>
  );
}
