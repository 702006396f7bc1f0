// The case file (fascicolo): the sections of the case in the order of the path, then its documents, each
// showing what the server sent this viewer and saying what it withheld.
import { Stack } from '@mantine/core';
import type { CaseView } from '../api/types';
import { AssessmentSection } from './assessment-section';
import { DocumentsSection } from './documents-section';
import { MeetingsSection } from './meetings-section';
import { MonitoringSection } from './monitoring-section';
import { OutcomeSection } from './outcome-section';
import { PlanSection } from './plan-section';
import { ConsentSection, ReferralSection } from './referral-section';

export function CaseFile({ view }: { view: CaseView }) {
  return (
    <Stack gap="md" data-testid="case-file">
      <ReferralSection view={view} />
      <ConsentSection view={view} />
      <AssessmentSection view={view} />
      <MeetingsSection view={view} />
      <PlanSection view={view} />
      <MonitoringSection view={view} />
      <OutcomeSection view={view} />
      <DocumentsSection view={view} />
    </Stack>
  );
}
