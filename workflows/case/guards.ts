// The rules the statechart's guards enforce. Each rule says when it applies to an event (routing by
// payload, e.g. which profilo was chosen) and what must hold; `explain` words a failure for the user, in
// every language, so a refused event names the rule instead of a bare "not allowed".
import { CATEGORY_READERS } from './access-rules.js';
import type { CaseContext } from './context.js';
import type { CaseEvent } from './events.js';
import { LABELS, type Language, type Localised } from './labels.js';
import { organisationsJoining, type Reference } from './references.js';
import {
  LABOUR_ORGANISATION_TYPES,
  SOCIAL_ORGANISATION_TYPES,
  type LifeDomain,
  type OrganisationType,
} from './vocabulary.js';

type Params = Record<string, unknown> | undefined;
interface RuleArgs {
  context: CaseContext;
  event: CaseEvent;
  params: Params;
}

export interface FieldProblem {
  field: string;
  reason: string;
}

export interface GuardRule {
  applies?: (args: RuleArgs) => boolean;
  holds: (args: RuleArgs) => boolean;
  explain: (args: RuleArgs) => Localised;
  /** The payload fields a failure is about, when it is about some. */
  fields?: (args: RuleArgs) => FieldProblem[];
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

/** How the user knows an organisation the event brings in: its name, or whose organisation it is. */
function labelOf(reference: Reference, language: Language): string {
  const target = reference.target;
  if (target?.userId && target.name) {
    return language === 'it' ? `l’organizzazione di ${target.name}` : `${target.name}’s organisation`;
  }
  return target?.name ?? reference.organisationId;
}

/** The organisations the person's consent lets into the case (the pickers offer only these). */
export function consentedOrganisations(context: Pick<CaseContext, 'consent'>): string[] {
  return context.consent?.given ? context.consent.authorisedOrganisations : [];
}

/** Organisations the event would bring into the case that the person's consent does not authorise. */
function unconsentedOrganisations(context: CaseContext, event: CaseEvent): Reference[] {
  const authorised = new Set(consentedOrganisations(context));
  return organisationsJoining(event).filter((reference) => !authorised.has(reference.organisationId));
}

function consentMessage(context: CaseContext, event: CaseEvent): Localised {
  const names = (language: Language) =>
    unconsentedOrganisations(context, event)
      .map((reference) => labelOf(reference, language))
      .join(', ');
  return {
    it: `Il consenso della persona non autorizza queste organizzazioni: ${names('it')}. Registrare prima un nuovo consenso.`,
    en: `The person’s consent does not authorise these organisations: ${names('en')}. Record a new consent first.`,
  };
}

function unconsentedFields(context: CaseContext, event: CaseEvent): FieldProblem[] {
  return unconsentedOrganisations(context, event).map((reference) => ({
    field: `${reference.field}.organisationId`,
    reason: 'is an organisation the person’s consent does not authorise',
  }));
}

/** Whether any assessor works for a service that reads a protected category (health or justice). */
function assessorReadsProtected(context: CaseContext): boolean {
  const readers = Object.values(CATEGORY_READERS).flat();
  return context.assessors.some((assessor) => readers.includes(assessor.organisationType));
}

function missingAssessments(context: CaseContext): LifeDomain[] {
  return context.referral.needs.filter((domain) => !context.assessments[domain]);
}

const domainNames = (domains: LifeDomain[], language: Language) =>
  domains.map((domain) => LABELS[language].vocab.lifeDomain[domain]).join(', ');

export const guardRules = {
  consentRecorded: {
    holds: ({ context }) => context.consent?.given === true,
    explain: () => ({
      it: 'Il consenso informato della persona non è registrato: registrarlo prima di accogliere.',
      en: 'The person’s informed consent is not recorded: record it before accepting.',
    }),
  },
  assessorsCoverSocialAndLabour: {
    holds: ({ context, event }) =>
      event.type === 'ASSIGN_ASSESSORS' &&
      coversSocialAndLabour(event.data.assessors.map((assessor) => assessor.organisationType)) &&
      unconsentedOrganisations(context, event).length === 0,
    explain: ({ context, event }) =>
      unconsentedOrganisations(context, event).length
        ? consentMessage(context, event)
        : {
            it: 'La valutazione richiede almeno un assistente sociale (SdS o Comune) e un operatore del Centro per l’Impiego.',
            en: 'The assessment needs at least one social worker (SdS or municipality) and one job centre worker.',
          },
    fields: ({ context, event }) => unconsentedFields(context, event),
  },
  completesAs: {
    applies: ({ event, params }) =>
      event.type === 'COMPLETE_ASSESSMENT' && event.data.profilo === params?.profilo,
    holds: ({ context }) => missingAssessments(context).length === 0,
    // Worded from what the reader may see: domains of a protected category are named by kind only. Before
    // the assessors are assigned nobody can record an assessment yet, so it says who acts first.
    explain: ({ context }) => {
      const missing = missingAssessments(context);
      const assigned = context.assessors.length > 0;
      const readerAssigned = assessorReadsProtected(context);
      if (missing.length) {
        return {
          it: `Mancano le valutazioni di questi ambiti segnalati: ${domainNames(missing, 'it')}. ${
            assigned
              ? 'Registrarle prima di concludere.'
              : 'Prima il coordinatore assegna i valutatori, che poi le registrano.'
          }`,
          en: `The assessments of these referred domains are missing: ${domainNames(missing, 'en')}. ${
            assigned
              ? 'Record them before completing.'
              : 'First the coordinator assigns the assessors, who then record them.'
          }`,
        };
      }
      return {
        it: `Mancano le valutazioni di ambiti riservati (dati particolari o giudiziari): le registrano i servizi che li leggono o il responsabile del percorso.${
          readerAssigned
            ? ''
            : ' Nessun valutatore è di un servizio che li legge e il responsabile si designa in equipe: il coordinatore aggiunga al consenso il servizio competente (sanitario per i dati particolari, UEPE per i giudiziari) e lo assegni tra i valutatori.'
        }`,
        en: `The assessments of restricted domains (special-category or judicial data) are missing: the services that read them, or the case manager, record them.${
          readerAssigned
            ? ''
            : ' No assessor works for a service that reads them and the case manager is designated by the team: the coordinator should add the competent service to the consent (health for special-category data, UEPE for judicial data) and assign it among the assessors.'
        }`,
      };
    },
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
        ? {
            it: 'L’equipe di primo livello richiede i servizi sociali (SdS o Comune) e il Centro per l’Impiego.',
            en: 'The first-level team needs the social services (SdS or municipality) and the job centre.',
          }
        : {
            it: 'L’equipe di secondo livello richiede i servizi sociali, il Centro per l’Impiego e almeno un altro servizio (sanitario, UEPE, casa, ETS, scuola).',
            en: 'The second-level team needs the social services, the job centre and at least one other service (health, UEPE, housing, third sector, school).',
          };
    },
    fields: ({ context, event }) => unconsentedFields(context, event),
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
        : {
            it: 'Per definire il PaIS l’equipe deve designare un responsabile del percorso.',
            en: 'To define the PaIS the team must designate a case manager.',
          },
    fields: ({ context, event }) => unconsentedFields(context, event),
  },
  organisationsConsented: {
    holds: ({ context, event }) => unconsentedOrganisations(context, event).length === 0,
    explain: ({ context, event }) => consentMessage(context, event),
    fields: ({ context, event }) => unconsentedFields(context, event),
  },
  planComplete: {
    holds: ({ context }) =>
      context.plan !== null &&
      context.plan.goals.length > 0 &&
      context.plan.actions.length > 0 &&
      context.plan.commitments.length > 0,
    explain: () => ({
      it: 'Il PaIS da sottoscrivere deve avere almeno un obiettivo, un’azione e un impegno della persona.',
      en: 'The PaIS to be signed needs at least one goal, one action and one commitment of the person.',
    }),
  },
  secondConsecutiveCriticita: {
    applies: ({ event }) => event.type === 'RECORD_MONITORING' && event.data.andamento === 'criticita',
    holds: ({ context }) =>
      context.monitoring.slice(context.monitoringStreakStart ?? 0).at(-1)?.andamento === 'criticita',
    explain: () => ({
      it: 'Il monitoraggio precedente non ha rilevato criticità.',
      en: 'The previous check found no problems.',
    }),
  },
} satisfies Record<string, GuardRule>;

export type GuardName = keyof typeof guardRules;

export function evaluateGuard(name: GuardName, args: RuleArgs): boolean {
  const rule: GuardRule = guardRules[name];
  return (rule.applies?.(args) ?? true) && rule.holds(args);
}
