// The scheda unica as the referring service wrote it (reason, needs, urgency, who refers, how to reach
// the person), the triage's requests and refusal, and the person's consent with the organisations it names.
import { Badge, Group, List, SimpleGrid, Text } from '@mantine/core';
import type { CaseView } from '../api/types';
import { formatDate, formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';
import { useDirectoryNames } from './directory-names';
import { SignedForm } from './documents-section';
import { Fact, FileSection, withheldFrom } from './file-section';

export function ReferralSection({ view }: { view: CaseView }) {
  const { t, vocab } = useLabels();
  const { referral, integrationRequests, rejection } = view.data;
  const { person } = view;
  return (
    <FileSection
      id="segnalazione"
      title={t('file.referral')}
      withheld={withheldFrom(view, 'data.referral.needs')}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Fact label={t('referral.referringService')}>{referral.referringService}</Fact>
        <Fact label={t('referral.urgency')}>
          <Badge color={referral.urgency === 'alta' ? 'red' : 'gray'} variant="light">
            {vocab('urgency', referral.urgency)}
          </Badge>
        </Fact>
        <Fact label={t('file.referredOn')}>{formatDateTime(view.createdAt)}</Fact>
        <Fact label={t('file.contacts')}>
          {view.contactsWithheld
            ? t('file.contactsWithheld')
            : [person.phone, person.email].filter(Boolean).join(' · ') || t('file.noContacts')}
        </Fact>
        {/* Optional on the scheda unica: shown when the referral gave them. */}
        {person.sex && <Fact label={t('person.sex')}>{t(`person.sexes.${person.sex}`)}</Fact>}
        {person.birthplace && <Fact label={t('person.birthplace')}>{person.birthplace}</Fact>}
        {person.citizenship && <Fact label={t('person.citizenship')}>{person.citizenship}</Fact>}
      </SimpleGrid>
      {(referral.residencePermit || referral.language || referral.mediatorNeeded) && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="referral-access">
          {referral.residencePermit && (
            <Fact label={t('referral.residencePermit')}>
              {vocab('residencePermit', referral.residencePermit)}
            </Fact>
          )}
          {(referral.language || referral.mediatorNeeded) && (
            <Fact label={t('file.language')}>
              {[referral.language, referral.mediatorNeeded ? t('file.mediatorNeeded') : null]
                .filter(Boolean)
                .join(' · ')}
            </Fact>
          )}
        </SimpleGrid>
      )}
      <Fact label={t('referral.reason')}>{referral.reason}</Fact>
      <Fact label={t('referral.needs')}>
        <Group gap={6} component="span">
          {referral.needs.map((domain) => (
            <Badge key={domain} variant="outline">
              {vocab('lifeDomain', domain)}
            </Badge>
          ))}
        </Group>
      </Fact>
      {integrationRequests.length > 0 && (
        <Fact label={t('file.integrationRequests')}>
          <List size="sm">
            {integrationRequests.map((request) => (
              <List.Item key={request.at}>
                {formatDateTime(request.at)} — {request.note}
              </List.Item>
            ))}
          </List>
        </Fact>
      )}
      {rejection && (
        <Fact label={t('fields.rejectionReason')}>
          {vocab('rejectionReason', rejection.reason)}
          {rejection.note ? ` — ${rejection.note}` : ''}
        </Fact>
      )}
    </FileSection>
  );
}

export function ConsentSection({ view }: { view: CaseView }) {
  const { t } = useLabels();
  const names = useDirectoryNames();
  const consent = view.data.consent;
  return (
    <FileSection id="consenso" title={t('file.consent')} empty={consent ? undefined : t('file.noConsent')}>
      {consent && (
        <>
          <Text size="sm" fw={600} c={consent.given ? undefined : 'red.8'}>
            {consent.given ? t('file.consentGiven') : t('file.consentRefused')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Fact label={t('fields.informedOn')}>{formatDate(consent.informedOn)}</Fact>
            <Fact label={t('file.recordedAt')}>{formatDateTime(consent.recordedAt)}</Fact>
          </SimpleGrid>
          {consent.documentId && (
            <Fact label={t('file.consentDocument')}>
              <SignedForm caseId={view.id} documentId={consent.documentId} />
            </Fact>
          )}
          <Fact label={t('fields.authorisedOrganisations')}>
            {consent.authorisedOrganisations.length ? (
              <List size="sm" data-testid="consented-organisations">
                {consent.authorisedOrganisations.map((id) => (
                  <List.Item key={id}>{names.organisation(id)}</List.Item>
                ))}
              </List>
            ) : (
              t('file.noOrganisations')
            )}
          </Fact>
        </>
      )}
    </FileSection>
  );
}
