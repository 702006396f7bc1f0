// Every reason a rule of the chart gives (the case page's "Non ancora possibile", a refused event's 422) is
// worded in every language. The Localised type asks for both when it compiles, but tests run transpiled
// only: here each rule explains itself over contexts and events that reach each of its branches.
import { describe, expect, it } from '@jest/globals';
import { caseEvent, runCase } from '../../test/support/case-events.js';
import {
  CASE_EVENT_TYPES,
  guardRules,
  LANGUAGES,
  MEETING_DECISIONS,
  PROFILI,
  type CaseContext,
  type CaseEvent,
  type GuardRule,
  type Localised,
} from './index.js';

const toTriage = [caseEvent('RECORD_CONSENT'), caseEvent('SUBMIT')];
const assigned = [...toTriage, caseEvent('ACCEPT'), caseEvent('ASSIGN_ASSESSORS')];
const withoutConsent = runCase(1, caseEvent('SUBMIT')).context;
const accepted = runCase(1, ...toTriage, caseEvent('ACCEPT')).context;
const assessing = runCase(
  1,
  ...assigned,
  caseEvent('RECORD_DOMAIN_ASSESSMENT', { domain: 'lavoro' }),
).context;
/** As a reader who may not see the domain still to assess has it: only the kind of what is missing. */
const redacted: CaseContext = { ...assessing, referral: { ...assessing.referral, needs: ['lavoro'] } };
const healthAssessor: CaseContext = {
  ...redacted,
  assessors: [...redacted.assessors, { ...redacted.assessors[0], organisationType: 'serd' }],
};
const contexts = [withoutConsent, accepted, assessing, redacted, healthAssessor];

/** Every event, plus ones bringing in an organisation the consent does not authorise (by name, by user). */
const stranger = { organisationId: 'org-uepe', organisationType: 'uepe' as const, name: 'UEPE Pistoia' };
const events: CaseEvent[] = [
  ...CASE_EVENT_TYPES.map((type) => caseEvent(type)),
  caseEvent('ASSIGN_ASSESSORS', { assessors: [{ ...stranger, userId: 'u-uepe', name: 'Ugo Esterno' }] }),
  caseEvent('SCHEDULE_MEETING', { participants: [stranger] }),
];
const params = [
  undefined,
  { level: 'primo_livello' },
  { level: 'secondo_livello' },
  ...PROFILI.map((profilo) => ({ profilo })),
  ...MEETING_DECISIONS.map((decision) => ({ decision })),
];

function explanations(rule: GuardRule): Localised[] {
  return contexts.flatMap((context) =>
    events.flatMap((event) => params.map((param) => rule.explain({ context, event, params: param }))),
  );
}

describe('the rules’ reasons', () => {
  it.each(Object.keys(guardRules))('%s is worded in every language', (name) => {
    const worded = explanations(guardRules[name as keyof typeof guardRules]);
    const untranslated = worded.filter(
      (text) =>
        LANGUAGES.some((language) => typeof text[language] !== 'string' || text[language].trim() === '') ||
        new Set(LANGUAGES.map((language) => text[language])).size < LANGUAGES.length,
    );
    expect(untranslated).toEqual([]);
  });

  it('reach the branches they word differently', () => {
    const completes = new Set(explanations(guardRules.completesAs).map((text) => text.en));
    expect(completes.size).toBeGreaterThanOrEqual(4);
    const consent = explanations(guardRules.organisationsConsented).map((text) => text.en);
    expect(consent).toContainEqual(expect.stringContaining('Ugo Esterno’s organisation'));
    expect(consent).toContainEqual(expect.stringContaining('UEPE Pistoia'));
  });
});
