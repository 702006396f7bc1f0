// The anagrafica's requests beside the scheda unica: adding a codice fiscale to a person who had none,
// linking household members, and merging two records of one person. The API validates with them; the
// UI's forms import them.
import { z } from 'zod';
import { isoDate, text } from './primitives.js';
import { codiceFiscaleSchema, personSchema } from './referral.js';

/** The history entry a closed percorso gains when its person is referred again (naming the new one). */
export const LINK_EVENT = 'PERCORSO_COLLEGATO';

export const codiceFiscaleAdditionSchema = z.strictObject({
  codiceFiscale: codiceFiscaleSchema,
  /** The operator keeps a code that disagrees with birth date, sex or birthplace. */
  codiceFiscaleConfirmed: z.boolean().optional(),
  /** The person's version the operator read: someone else's change in between is a 409. */
  expectedVersion: z.number().int().min(1),
});

export const personMergeSchema = z.strictObject({
  /** The record that disappears into the one named by the path; its percorsi move. */
  duplicateId: z.uuid(),
  reason: text(1000),
});

export type CodiceFiscaleAddition = z.output<typeof codiceFiscaleAdditionSchema>;
export type PersonMerge = z.output<typeof personMergeSchema>;

/** How a household member relates to the person: `figlio` is her child, `genitore` her parent. */
export const HOUSEHOLD_RELATIONSHIPS = [
  'coniuge',
  'convivente',
  'figlio',
  'genitore',
  'fratello_sorella',
  'altro',
] as const;
export type HouseholdRelationship = (typeof HOUSEHOLD_RELATIONSHIPS)[number];

/** The same link read from the member's side: the parent of a child is the child of a parent. */
export const INVERSE_RELATIONSHIP: Record<HouseholdRelationship, HouseholdRelationship> = {
  coniuge: 'coniuge',
  convivente: 'convivente',
  figlio: 'genitore',
  genitore: 'figlio',
  fratello_sorella: 'fratello_sorella',
  altro: 'altro',
};

export const householdLinkSchema = z
  .strictObject({
    /** Another person of the ambito. */
    memberId: z.uuid(),
    relationship: z.enum(HOUSEHOLD_RELATIONSHIPS),
    from: isoDate,
    to: isoDate.optional(),
  })
  .refine((link) => link.to === undefined || link.to >= link.from, {
    path: ['to'],
    message: 'must not be before from',
  });

export type HouseholdLink = z.output<typeof householdLinkSchema>;

const { shape } = personSchema;

/** A correction of the record (GDPR art. 16): any of its fields but the codice fiscale, which has its own. */
export const personRectificationSchema = z.strictObject({
  changes: z
    .strictObject({
      firstName: shape.firstName,
      lastName: shape.lastName,
      birthDate: shape.birthDate,
      sex: shape.sex,
      birthplace: shape.birthplace,
      citizenship: shape.citizenship,
      municipality: shape.municipality,
      phone: shape.phone,
      email: shape.email,
    })
    .partial()
    .refine((changes) => Object.keys(changes).length > 0, 'name at least one field to correct'),
  reason: text(1000),
  codiceFiscaleConfirmed: z.boolean().optional(),
  expectedVersion: z.number().int().min(1),
});

export type PersonRectification = z.output<typeof personRectificationSchema>;
