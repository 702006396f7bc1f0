// The anagrafica's requests beside the scheda unica: adding a codice fiscale to a person who had none,
// and merging two records of one person. The API validates with them; the UI's forms import them.
import { z } from 'zod';
import { text } from './primitives.js';
import { codiceFiscaleSchema } from './referral.js';

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
