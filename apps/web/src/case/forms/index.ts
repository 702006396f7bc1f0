// One form per event type: the actions panel offers the case's availableEvents with these.
import type { CaseEventType } from '../../api/types';
import { assignAssessorsForm, completeAssessmentForm, domainAssessmentForm } from './assessment-forms';
import type { AnyEventFormSpec } from './form-spec';
import { designateResponsabileForm, recordMeetingForm, scheduleMeetingForm } from './meeting-forms';
import { closeForm } from './outcome-fields';
import { monitoringForm, updatePlanForm } from './plan-forms';
import {
  confirmForm,
  consentForm,
  escalateForm,
  noteForm,
  reasonForm,
  rejectForm,
  signForm,
  suspendForm,
  updateReferralForm,
  welcomeInterviewForm,
} from './simple-forms';

export const EVENT_FORMS: Record<CaseEventType, AnyEventFormSpec> = {
  UPDATE_REFERRAL: updateReferralForm,
  RECORD_CONSENT: consentForm,
  SUBMIT: confirmForm,
  REQUEST_INTEGRATION: noteForm(true),
  RESUBMIT: noteForm(false),
  ACCEPT: noteForm(false),
  REJECT: rejectForm,
  RECORD_WELCOME_INTERVIEW: welcomeInterviewForm,
  ASSIGN_ASSESSORS: assignAssessorsForm,
  RECORD_DOMAIN_ASSESSMENT: domainAssessmentForm,
  COMPLETE_ASSESSMENT: completeAssessmentForm,
  SCHEDULE_MEETING: scheduleMeetingForm,
  DESIGNATE_RESPONSABILE: designateResponsabileForm,
  RECORD_MEETING: recordMeetingForm,
  ESCALATE: escalateForm,
  UPDATE_PLAN: updatePlanForm,
  SUBMIT_FOR_SIGNATURE: confirmForm,
  SIGN: signForm,
  REFUSE: noteForm(false),
  RECORD_MONITORING: monitoringForm,
  REVISE_PLAN: reasonForm,
  SUSPEND: suspendForm,
  RESUME: noteForm(false),
  CLOSE: closeForm,
};

export type { AnyEventFormSpec } from './form-spec';
