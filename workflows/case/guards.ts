// The rules the statechart's guards enforce. Each rule says when it applies to an event (routing by
// payload, e.g. which profilo was chosen) and what must hold; `explain` words a failure for the user,
// so a refused event names the rule instead of a bare "not allowed".
import type { CaseContext } from './context.js';
import type { CaseEvent } from './events.js';
import { LABOUR_ORGANISATION_TYPES, SOCIAL_ORGANISATION_TYPES, type OrganisationType } from './vocabulary.js';

type Params = Record<string, unknown> | undefined;
interface RuleArgs {
  context: CaseContext;
  event: CaseEvent;
  params: Params;
}

export interface GuardRule {
  applies?: (args: RuleArgs) => boolean;
  holds: (args: RuleArgs) => boolean;
  explain: (args: RuleArgs) => string;
}

const FIRST_LEVEL_TYPES = new Set<OrganisationType>([
  ...SOCIAL_ORGANISATION_TYPES,
  ...LABOUR_ORGANISATION_TYPES,
]);

function coversSocialAndLabour(types: OrganisationType[]): boolean {
  return (
    types.some((type) => SOCIAL_ORGANISATION_TYPES.includes(type)) &&
    types.some((type) => LABOUR_ORGANISATION_TYPES.includes(type))
  );
}

interface BroughtIn {
  organisationId: string;
  /** How the user knows it: its name when the payload carries one, else its kind of service. */
  label: string;
}

const asBroughtIn = (ref: {
  organisationId: string;
  organisationType: string;
  name?: string;
}): BroughtIn => ({
  organisationId: ref.organisationId,
  label: 'name' in ref && ref.name && !('userId' in ref) ? ref.name : ref.organisationType,
});

/** Organisations the event would bring into the case: each must be authorised by the person's consent. */
function organisationsBroughtIn(event: CaseEvent): BroughtIn[] {
  switch (event.type) {
    case 'ASSIGN_ASSESSORS':
      return event.data.assessors.map(asBroughtIn);
    case 'SCHEDULE_MEETING':
      return event.data.participants.map(asBroughtIn);
    case 'DESIGNATE_RESPONSABILE':
      return [asBroughtIn(event.data.responsabile)];
    case 'RECORD_MEETING':
      return event.data.decision === 'pais' && event.data.responsabile
        ? [asBroughtIn(event.data.responsabile)]
        : [];
    default:
      return [];
  }
}

function unconsentedOrganisations(context: CaseContext, event: CaseEvent): BroughtIn[] {
  const authorised = new Set(context.consent?.given ? context.consent.authorisedOrganisations : []);
  const unique = new Map(organisationsBroughtIn(event).map((ref) => [ref.organisationId, ref]));
  return [...unique.values()].filter((ref) => !authorised.has(ref.organisationId));
}

function consentMessage(context: CaseContext, event: CaseEvent): string {
  const names = unconsentedOrganisations(context, event)
    .map((ref) => ref.label)
    .join(', ');
  return `Il consenso della persona non autorizza queste organizzazioni: ${names}. Registrare prima un nuovo consenso.`;
}

function missingAssessments(context: CaseContext): string[] {
  return context.referral.needs.filter((domain) => !context.assessments[domain]);
}

export const guardRules = {
  consentRecorded: {
    holds: ({ context }) => context.consent?.given === true,
    explain: () => 'Il consenso informato della persona non è registrato: registrarlo prima di accogliere.',
  },
  assessorsCoverSocialAndLabour: {
    holds: ({ context, event }) =>
      event.type === 'ASSIGN_ASSESSORS' &&
      coversSocialAndLabour(event.data.assessors.map((assessor) => assessor.organisationType)) &&
      unconsentedOrganisations(context, event).length === 0,
    explain: ({ context, event }) =>
      unconsentedOrganisations(context, event).length
        ? consentMessage(context, event)
        : 'La valutazione richiede almeno un assistente sociale (SdS o Comune) e un operatore del Centro per l’Impiego.',
  },
  completesAs: {
    applies: ({ event, params }) =>
      event.type === 'COMPLETE_ASSESSMENT' && event.data.profilo === params?.profilo,
    holds: ({ context }) => missingAssessments(context).length === 0,
    explain: ({ context }) =>
      `Mancano le valutazioni di questi ambiti segnalati: ${missingAssessments(context).join(', ')}.`,
  },
  meetingComposition: {
    holds: ({ context, event, params }) => {
      if (event.type !== 'SCHEDULE_MEETING' || unconsentedOrganisations(context, event).length) return false;
      const types = event.data.participants.map((participant) => participant.organisationType);
      if (!coversSocialAndLabour(types)) return false;
      return params?.level === 'primo_livello' || types.some((type) => !FIRST_LEVEL_TYPES.has(type));
    },
    explain: ({ context, event, params }) => {
      if (unconsentedOrganisations(context, event).length) return consentMessage(context, event);
      return params?.level === 'primo_livello'
        ? 'L’equipe di primo livello richiede i servizi sociali (SdS o Comune) e il Centro per l’Impiego.'
        : 'L’equipe di secondo livello richiede i servizi sociali, il Centro per l’Impiego e almeno un altro servizio (sanitario, UEPE, casa, ETS, scuola).';
    },
  },
  decides: {
    applies: ({ event, params }) =>
      event.type === 'RECORD_MEETING' && event.data.decision === params?.decision,
    holds: ({ context, event, params }) =>
      unconsentedOrganisations(context, event).length === 0 &&
      (params?.decision !== 'pais' ||
        context.responsabile !== null ||
        (event.type === 'RECORD_MEETING' &&
          event.data.decision === 'pais' &&
          event.data.responsabile !== undefined)),
    explain: ({ context, event }) =>
      unconsentedOrganisations(context, event).length
        ? consentMessage(context, event)
        : 'Per definire il PaIS l’equipe deve designare un responsabile del percorso.',
  },
  organisationsConsented: {
    holds: ({ context, event }) => unconsentedOrganisations(context, event).length === 0,
    explain: ({ context, event }) => consentMessage(context, event),
  },
  planComplete: {
    holds: ({ context }) =>
      context.plan !== null &&
      context.plan.goals.length > 0 &&
      context.plan.actions.length > 0 &&
      context.plan.commitments.length > 0,
    explain: () =>
      'Il PaIS da sottoscrivere deve avere almeno un obiettivo, un’azione e un impegno della persona.',
  },
  secondConsecutiveCriticita: {
    applies: ({ event }) => event.type === 'RECORD_MONITORING' && event.data.andamento === 'criticita',
    holds: ({ context }) => context.monitoring.at(-1)?.andamento === 'criticita',
    explain: () => 'Il monitoraggio precedente non ha rilevato criticità.',
  },
} satisfies Record<string, GuardRule>;

export type GuardName = keyof typeof guardRules;

export function evaluateGuard(name: GuardName, args: RuleArgs): boolean {
  const rule: GuardRule = guardRules[name];
  return (rule.applies?.(args) ?? true) && rule.holds(args);
}
