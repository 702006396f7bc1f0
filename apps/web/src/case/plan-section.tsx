// The PaIS: the version in force or being drafted, and every earlier version beside it (a revision keeps
// the old one): goals with their actions (responsible organisation, dates, resources), the person's
// commitments, when it was proposed and signed.
import { Badge, Card, Group, List, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { CaseView } from '../api/types';
import { formatDate, formatDateTime } from '../format';
import { useLabels } from '../i18n/labels';
import { useResources } from '../resources/resource-queries';
import { SignedForm } from './documents-section';
import { Fact, FileSection } from './file-section';

type Plan = NonNullable<CaseView['data']['plan']>;

function PlanVersionCard({ caseId, plan, current }: { caseId: string; plan: Plan; current: boolean }) {
  const { t } = useLabels();
  const resources = useResources();
  const resourceName = (id: string) =>
    resources.data?.items.find((resource) => resource.id === id)?.name ?? id;
  const status = plan.signedOn
    ? t('file.planSigned', { date: formatDate(plan.signedOn) })
    : plan.submittedAt
      ? t('file.planSubmitted', { date: formatDateTime(plan.submittedAt) })
      : t('file.planDraft');
  return (
    <Card
      withBorder
      radius="sm"
      p="sm"
      miw={280}
      style={{ flex: '1 1 320px' }}
      data-testid={current ? 'plan-current' : 'plan-earlier'}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h5">
            {t('case.planVersion', { version: plan.version })}
          </Title>
          <Badge color={current ? 'teal' : 'gray'} variant="light">
            {current ? t('file.planCurrent') : t('file.planEarlier')}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {status}
          {plan.endDate ? ` · ${t('file.planEnds', { date: formatDate(plan.endDate) })}` : ''}
        </Text>
        {plan.goals.map((goal) => (
          <Stack key={goal.id} gap={4}>
            <Text size="sm" fw={600}>
              {t('fields.goal')}: {goal.description}
            </Text>
            <List size="sm" spacing={4}>
              {plan.actions
                .filter((action) => action.goalId === goal.id)
                .map((action) => (
                  <List.Item key={action.id}>
                    <Text size="sm" span style={{ overflowWrap: 'anywhere' }}>
                      {action.description} —{' '}
                      {action.responsibleOrganisation.name ?? action.responsibleOrganisation.organisationId},{' '}
                      {t('file.fromTo', {
                        from: formatDate(action.startDate),
                        to: formatDate(action.endDate),
                      })}
                    </Text>
                    {[...action.resourceIds.map(resourceName), ...action.resources].length > 0 && (
                      <Text size="xs" c="dimmed">
                        {t('fields.resources')}:{' '}
                        {[...action.resourceIds.map(resourceName), ...action.resources].join(', ')}
                      </Text>
                    )}
                  </List.Item>
                ))}
            </List>
          </Stack>
        ))}
        <Fact label={t('fields.commitments')}>
          {plan.commitments.length ? (
            <List size="sm">
              {plan.commitments.map((commitment, index) => (
                <List.Item key={index}>{commitment}</List.Item>
              ))}
            </List>
          ) : (
            t('common.none')
          )}
        </Fact>
        {plan.signedDocumentId && (
          <Fact label={t('file.planDocument')}>
            <SignedForm caseId={caseId} documentId={plan.signedDocumentId} />
          </Fact>
        )}
      </Stack>
    </Card>
  );
}

export function PlanSection({ view }: { view: CaseView }) {
  const { t } = useLabels();
  const { plan, planHistory } = view.data;
  const earlier = [...planHistory].reverse();
  return (
    <FileSection id="pais" title={t('file.plan')} empty={plan ? undefined : t('file.noPlan')}>
      {plan && (
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="stretch" wrap="wrap" gap="sm">
            <PlanVersionCard caseId={view.id} plan={plan} current />
            {earlier
              .filter((version) => version.version !== plan.version)
              .map((version) => (
                <PlanVersionCard key={version.version} caseId={view.id} plan={version} current={false} />
              ))}
          </Group>
        </ScrollArea>
      )}
    </FileSection>
  );
}
