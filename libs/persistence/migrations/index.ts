import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';
import { DeadlinesAndNotifications1764100000000 } from './1764100000000-deadlines-and-notifications.js';
import { AccessAndAudit1764200000000 } from './1764200000000-access-and-audit.js';
import { SupervisionSummaries1764300000000 } from './1764300000000-supervision-summaries.js';
import { Pseudonymisation1764450000000 } from './1764450000000-pseudonymisation.js';
import { SupervisionLateness1764500000000 } from './1764500000000-supervision-lateness.js';
import { ThresholdChanges1764600000000 } from './1764600000000-threshold-changes.js';
import { CaseLists1765140000000 } from './1765140000000-case-lists.js';
import { TerritoryAdministration1765150000000 } from './1765150000000-territory-administration.js';
import { ResourceMap1765150000001 } from './1765150000001-resource-map.js';
import { Anagrafica1766100000000 } from './1766100000000-anagrafica.js';
import { Household1766100000001 } from './1766100000001-household.js';
import { PersonRectification1766100000002 } from './1766100000002-person-rectification.js';
import { CaseDiary1766200000000 } from './1766200000000-case-diary.js';
import { OneLatenessRule1766300000000 } from './1766300000000-one-lateness-rule.js';
import { WorkByPerson1766300000001 } from './1766300000001-work-by-person.js';
import { NotificationsByRecipient1766400000000 } from './1766400000000-notifications-by-recipient.js';
import { CaseDocuments1766400000001 } from './1766400000001-case-documents.js';
import { DiaryRetention1767100000000 } from './1767100000000-diary-retention.js';
import { Sessions1767200000000 } from './1767200000000-sessions.js';
import { SecondFactor1767200000001 } from './1767200000001-second-factor.js';
import { DeadlineTimers1767300000000 } from './1767300000000-deadline-timers.js';
import { ChartVersions1767500000000 } from './1767500000000-chart-versions.js';
import { MailOutbox1767600000000 } from './1767600000000-mail-outbox.js';
import { SnapshotChecks1767700000000 } from './1767700000000-snapshot-checks.js';
import { SecondFactorChanges1767800000000 } from './1767800000000-second-factor-changes.js';
import { CaseInvitations1767900000000 } from './1767900000000-case-invitations.js';
import { MailAccepted1768100000000 } from './1768100000000-mail-accepted.js';
import { MailClaimOwner1768300000000 } from './1768300000000-mail-claim-owner.js';

/** Every migration, in order. Listed explicitly: ES modules cannot be globbed by TypeORM. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  DeadlinesAndNotifications1764100000000,
  AccessAndAudit1764200000000,
  SupervisionSummaries1764300000000,
  Pseudonymisation1764450000000,
  SupervisionLateness1764500000000,
  ThresholdChanges1764600000000,
  CaseLists1765140000000,
  TerritoryAdministration1765150000000,
  ResourceMap1765150000001,
  Anagrafica1766100000000,
  Household1766100000001,
  PersonRectification1766100000002,
  CaseDiary1766200000000,
  OneLatenessRule1766300000000,
  WorkByPerson1766300000001,
  NotificationsByRecipient1766400000000,
  CaseDocuments1766400000001,
  DiaryRetention1767100000000,
  Sessions1767200000000,
  SecondFactor1767200000001,
  DeadlineTimers1767300000000,
  ChartVersions1767500000000,
  MailOutbox1767600000000,
  SnapshotChecks1767700000000,
  SecondFactorChanges1767800000000,
  CaseInvitations1767900000000,
  MailAccepted1768100000000,
  MailClaimOwner1768300000000,
];
