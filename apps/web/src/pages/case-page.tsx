// "Scheda del caso": where the case stands (header and statechart), what can be done now, the case file
// section by section, and what happened.
import { Anchor, Grid, Skeleton, Stack } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useCase, useCaseHistory, useWorkflow } from '../api/queries';
import { ActionsPanel } from '../case/actions-panel';
import { CaseFile } from '../case/case-file';
import { CaseHeader } from '../case/case-header';
import { DiarySection } from '../case/diary-section';
import { PrintoutsPanel } from '../case/printouts-panel';
import { ReferralSent, useReferralArrival } from '../case/referral-sent';
import { CaseStatusCard } from '../case/case-status-card';
import { Statechart } from '../case/statechart';
import { CaseTimeline } from '../case/timeline';
import { useLabels } from '../i18n/labels';
import { LoadFailed } from './load-failed';
import { PersonLinksBox } from '../person/person-links-box';

export function CasePage() {
  const { caseId = '' } = useParams();
  const { t } = useLabels();
  const view = useCase(caseId);
  const history = useCaseHistory(caseId);
  const workflow = useWorkflow(view.data?.workflowVersion);
  // Arrived from the referral form: say so, with the focus, above the case.
  const arrival = useReferralArrival(caseId);
  const sent = arrival && <ReferralSent outcome={arrival} />;

  if (view.error) return <LoadFailed error={view.error} />;
  if (!view.data) return <Skeleton h={400} />;
  if (view.data.access === 'status') {
    return (
      <Stack gap="md">
        <Anchor component={Link} to="/casi" size="sm">
          ← {t('common.back')}
        </Anchor>
        {sent}
        <CaseStatusCard view={view.data} />
        {workflow.data && history.data ? (
          <Statechart workflow={workflow.data} state={view.data.state} history={history.data.items} />
        ) : null}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/casi" size="sm">
        ← {t('common.back')}
      </Anchor>
      {sent}
      <CaseHeader view={view.data} />
      {workflow.data && history.data ? (
        <Statechart workflow={workflow.data} state={view.data.state} history={history.data.items} />
      ) : (
        <Skeleton h={320} />
      )}
      <PersonLinksBox caseId={caseId} state={view.data.state} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <ActionsPanel view={view.data} />
            <CaseFile view={view.data} />
            <DiarySection view={view.data} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <PrintoutsPanel view={view.data} />
            {history.data ? <CaseTimeline history={history.data} /> : <Skeleton h={200} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
