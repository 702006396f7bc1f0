// Valutazione multidimensionale: who assesses, each life domain's need and summary (those the server let
// this viewer read), the domains of the referral still to assess, and the profilo that routed the case.
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { LIFE_DOMAINS } from '../../../../workflows/case/index.js';
import type { CaseView } from '../api/types';
import { formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';
import { useDirectoryNames } from './directory-names';
import { Fact, FileSection, withheldFrom } from './file-section';

export function AssessmentSection({ view }: { view: CaseView }) {
  const { t, vocab } = useLabels();
  const names = useDirectoryNames();
  const { assessors, assessments, profilo, referral } = view.data;
  const assessed = LIFE_DOMAINS.filter((domain) => assessments[domain]);
  const pending = referral.needs.filter((domain) => !assessments[domain]);
  const withheld = withheldFrom(view, 'data.assessments');
  const nothing = assessors.length === 0 && assessed.length === 0 && withheld.length === 0;
  return (
    <FileSection
      id="valutazione"
      title={t('file.assessment')}
      withheld={withheld}
      empty={nothing ? t('file.noAssessment') : undefined}
    >
      <Fact label={t('fields.assessors')}>
        {assessors.length
          ? assessors
              .map((assessor) => `${assessor.name} (${names.organisation(assessor.organisationId)})`)
              .join('; ')
          : t('file.noAssessors')}
      </Fact>
      {assessed.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" data-testid="assessments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.domain')}</Table.Th>
                <Table.Th>{t('fields.needLevel')}</Table.Th>
                <Table.Th>{t('fields.summary')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {assessed.map((domain) => {
                const assessment = assessments[domain]!;
                return (
                  <Table.Tr key={domain}>
                    <Table.Td fw={600}>{vocab('lifeDomain', domain)}</Table.Td>
                    <Table.Td>{vocab('needLevel', assessment.needLevel)}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {assessment.summary}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {names.user(assessment.assessedBy)} · {formatDateTime(assessment.assessedAt)}
                        </Text>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pending.length > 0 && !view.closed && (
        <Fact label={t('file.toAssess')}>
          <Group gap={6} component="span">
            {pending.map((domain) => (
              <Badge key={domain} variant="outline" color="gray">
                {vocab('lifeDomain', domain)}
              </Badge>
            ))}
          </Group>
        </Fact>
      )}
      {profilo && <Fact label={t('case.profilo')}>{vocab('profilo', profilo)}</Fact>}
    </FileSection>
  );
}
