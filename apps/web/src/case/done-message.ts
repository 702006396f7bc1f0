// What a success says when the case stays where it was: what the event changed, in words (a toast that
// only repeated the button's label told nothing). A step that moves or closes the case says where it went
// instead (event-form.tsx).
import type { CaseEventType, CaseView } from '../api/types';
import type { Directory } from '../forms/references';
import { formatDate, formatDateTime } from '../format';
import type { Labels } from '../i18n/labels';

type Sent = Record<string, unknown>;

export function whatChanged(
  { t, vocab }: Labels,
  type: CaseEventType,
  sent: Sent,
  after: CaseView,
  directory: Directory,
): string | null {
  const data = after.data;
  const organisation = (id: string) =>
    directory.organisations.find((candidate) => candidate.id === id)?.name ?? id;
  switch (type) {
    case 'RECORD_CONSENT': {
      const consent = data.consent;
      if (!consent?.given) return t('event.changed.consentRefused');
      const names = consent.authorisedOrganisations.map(organisation);
      return names.length
        ? t('event.changed.consent', { names: names.join(', ') })
        : t('event.changed.consentNone');
    }
    case 'UPDATE_REFERRAL':
      return t('event.changed.referral');
    case 'ASSIGN_ASSESSORS':
      return t('event.changed.assessors', { names: data.assessors.map((person) => person.name).join(', ') });
    case 'RECORD_DOMAIN_ASSESSMENT': {
      const domain = vocab('lifeDomain', String(sent.domain));
      const missing = data.referral.needs.filter((need) => !data.assessments[need]);
      if (missing.length)
        return t('event.changed.domain', {
          domain,
          missing: missing.map((need) => vocab('lifeDomain', need)).join(', '),
        });
      // Every domain this user reads is assessed; whether the rest (protected ones) is, the server knows.
      return after.blockedEvents.some((blocked) => blocked.type === 'COMPLETE_ASSESSMENT')
        ? t('event.changed.domainsWithheldMissing', { domain })
        : t('event.changed.domainsAll', { domain });
    }
    case 'SCHEDULE_MEETING':
      return t('event.changed.meeting', { date: formatDateTime(String(sent.date)) });
    case 'DESIGNATE_RESPONSABILE':
      return t('event.changed.responsabile', { name: data.responsabile?.name ?? '' });
    case 'UPDATE_PLAN': {
      const plan = data.plan;
      return plan
        ? t('event.changed.plan', {
            version: plan.version,
            goals: plan.goals.length,
            actions: plan.actions.length,
            commitments: plan.commitments.length,
          })
        : null;
    }
    case 'RECORD_MONITORING':
      return t('event.changed.monitoring', {
        date: formatDate(String(sent.checkedOn)),
        andamento: vocab('andamento', String(sent.andamento)),
      });
    default:
      return null;
  }
}
