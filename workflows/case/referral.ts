// The scheda unica di segnalazione: who the person is (kept apart from the workflow, see
// libs/persistence) and what the referring service asks for.
import { z } from 'zod';
import { codiceFiscaleProblem } from './codice-fiscale.js';
import { birthDate, email, text } from './primitives.js';
import { LIFE_DOMAINS, URGENCY_LEVELS } from './vocabulary.js';

const CODICE_FISCALE_MESSAGES = {
  format: 'is not a valid codice fiscale (16 characters: 6 letters, 2 digits, month letter, …)',
  check_character: 'has a wrong check character (last character)',
} as const;

export const codiceFiscaleSchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .superRefine((value, ctx) => {
    const problem = codiceFiscaleProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: CODICE_FISCALE_MESSAGES[problem] });
  });

export const personSchema = z.strictObject({
  firstName: text(100),
  lastName: text(100),
  codiceFiscale: codiceFiscaleSchema,
  birthDate,
  municipality: text(100),
  phone: text(40, 0).optional(),
  email: email.optional(),
});

export const referralSchema = z.strictObject({
  person: personSchema,
  referral: z.strictObject({
    referringService: text(200),
    reason: text(4000),
    needs: z.array(z.enum(LIFE_DOMAINS)).min(1).max(LIFE_DOMAINS.length),
    urgency: z.enum(URGENCY_LEVELS).default('ordinaria'),
  }),
});

export type Person = z.output<typeof personSchema>;
export type ReferralInput = z.output<typeof referralSchema>;
export type Referral = ReferralInput['referral'];
