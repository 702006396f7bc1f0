// The fixed vocabularies of the process, in the users' own words (DOMAIN.md). Each list is the single
// source for its zod enum, its database values and its Italian labels.

export const LIFE_DOMAINS = [
  'lavoro',
  'reddito',
  'casa',
  'salute',
  'dipendenze',
  'salute_mentale',
  'disabilita',
  'giustizia',
  'famiglia_cura',
  'istruzione',
  'lingua',
] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];

export const ORGANISATION_TYPES = [
  'sds',
  'comune',
  'cpi',
  'serd',
  'salute_mentale',
  'disabilita',
  'uepe',
  'casa',
  'ets',
  'scuola',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Organisations that bring the social side of the first-level equipe. */
export const SOCIAL_ORGANISATION_TYPES: readonly OrganisationType[] = ['sds', 'comune'];
/** Organisations that bring the labour side of the first-level equipe. */
export const LABOUR_ORGANISATION_TYPES: readonly OrganisationType[] = ['cpi'];

/**
 * What the resource map (mappatura delle risorse e opportunità) catalogues: community-service projects,
 * companies open to placements (tirocini, inserimenti), hiring incentives, funding lines, programmes
 * such as GOL percorso 4.
 */
export const RESOURCE_KINDS = ['puc', 'azienda', 'incentivo', 'finanziamento', 'programma'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const URGENCY_LEVELS = ['ordinaria', 'alta'] as const;

/** The residence permit (permesso di soggiorno) of a person who needs one, as the referral records it. */
export const RESIDENCE_PERMITS = ['non_richiesto', 'valido', 'in_rinnovo', 'scaduto', 'assente'] as const;

export const REJECTION_REASONS = ['non_pertinente', 'duplicata', 'gia_in_carico', 'consenso_negato'] as const;

export const PROFILI = ['lavorativo', 'sociale', 'socio_lavorativo', 'complesso'] as const;
export type Profilo = (typeof PROFILI)[number];

export const NEED_LEVELS = ['nessuno', 'basso', 'medio', 'alto'] as const;

export const MEETING_DECISIONS = ['pais', 'escalate', 'chiusura'] as const;

export const ANDAMENTI = ['regolare', 'criticita', 'interrotto'] as const;

export const ACTION_STATUSES = ['da_avviare', 'in_corso', 'completata', 'sospesa', 'annullata'] as const;

export const OUTCOME_CODES = [
  'occupazione',
  'tirocinio',
  'formazione',
  'autoimpiego',
  'obiettivi_raggiunti',
  'invio_altro_servizio',
  'invio_servizi_lavoro',
  'invio_servizi_sociali',
  'abbandono',
  'rifiuto_progetto',
  'trasferimento',
  'segnalazione_non_accolta',
  'decesso',
  'altro',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export const CONTRACT_TYPES = [
  'tempo_indeterminato',
  'tempo_determinato',
  'apprendistato',
  'somministrazione',
  'part_time',
  'altro',
] as const;

/** What a document filed on a case is: the signed consent, the signed PaIS, ISEE, identity, a certificate. */
export const DOCUMENT_KINDS = [
  'consenso',
  'pais_firmato',
  'isee',
  'identita',
  'certificato',
  'altro',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const ROLES = ['inviante', 'operatore', 'coordinatore', 'amministratore', 'dpo'] as const;
export type Role = (typeof ROLES)[number];
