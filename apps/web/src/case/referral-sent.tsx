// What the referral form leaves the user with once it sent (or saved) the referral: the case page, with a
// confirmation at its top that takes the focus, so that a keyboard or screen-reader user is not left on
// nothing (the form and its button are gone) and hears what happened and what comes next.
import { useEffect, useRef, useState } from 'react';
import { Alert, Text } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { useLabels } from '../i18n/labels';

export type ReferralOutcome = 'submitted' | 'saved';

/** The navigation state the form leaves on the new case's address. */
export const referralArrival = (outcome: ReferralOutcome) => ({ referral: outcome });

/**
 * The outcome the form sent along when it led here, for this case only; the state is taken out of the
 * history entry at once, so that a reload or coming back later says nothing.
 */
export function useReferralArrival(caseId: string): ReferralOutcome | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [arrival] = useState(() => {
    const outcome = (location.state as { referral?: ReferralOutcome } | null)?.referral;
    return outcome ? { caseId, outcome } : null;
  });
  useEffect(() => {
    if ((location.state as { referral?: unknown } | null)?.referral) {
      void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
    }
  }, [location, navigate]);
  return arrival?.caseId === caseId ? arrival.outcome : null;
}

export function ReferralSent({ outcome }: { outcome: ReferralOutcome }) {
  const { t } = useLabels();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      role="status"
      color="teal"
      title={outcome === 'submitted' ? t('referral.submitted') : t('referral.saved')}
      data-testid="referral-sent"
    >
      <Text size="sm">{outcome === 'submitted' ? t('referral.submittedNext') : t('referral.savedNext')}</Text>
    </Alert>
  );
}
