// The scheda unica di segnalazione: who the person is (kept apart from the workflow, see
// libs/persistence) and what the referring service asks for.
import { z } from 'zod';
import { codiceFiscaleProblem } from './codice-fiscale.js';
import { birthDate, email, text } from './primitives.js';
import { LIFE_DOMAINS, RESIDENCE_PERMITS, URGENCY_LEVELS } from './vocabulary.js';

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

export const SEXES = ['M', 'F'] as const;

/**
 * Who the person is. A codice fiscale is optional (newly arrived people, STP/ENI codes, a code being
 * issued): without one, sex and birthplace identify her beside name and birth date. With one, the API
 * checks it against birth date, sex and birthplace (libs/persons) unless `codiceFiscaleConfirmed`.
 */
export const personSchema = z
  .strictObject({
    firstName: text(100),
    lastName: text(100),
    codiceFiscale: codiceFiscaleSchema.optional(),
    birthDate,
    sex: z.enum(SEXES).optional(),
    /** Comune or foreign state of birth, as the registry names it ("Lucca", "Marocco"). */
    birthplace: text(100).optional(),
    citizenship: text(100).optional(),
    /** Where the person lives. */
    municipality: text(100),
    phone: text(40, 0).optional(),
    email: email.optional(),
    /** The operator keeps a codice fiscale that disagrees with birth date, sex or birthplace. */
    codiceFiscaleConfirmed: z.boolean().optional(),
  })
  .superRefine((person, ctx) => {
    if (person.codiceFiscale) return;
    for (const field of ['sex', 'birthplace'] as const) {
      if (!person[field]) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'is required for a person without a codice fiscale',
        });
      }
    }
  });

/**
 * What the services need to reach the person, all optional and all common data (comuni): the residence
 * permit, the language the person speaks best when it is not Italian, and whether a linguistic-cultural
 * mediator is needed at meetings.
 */
export const referralAccessFields = {
  residencePermit: z.enum(RESIDENCE_PERMITS).optional(),
  language: text(100).optional(),
  mediatorNeeded: z.boolean().optional(),
};

export const referralSchema = z.strictObject({
  person: personSchema,
  referral: z.strictObject({
    referringService: text(200),
    reason: text(4000),
    needs: z.array(z.enum(LIFE_DOMAINS)).min(1).max(LIFE_DOMAINS.length),
    urgency: z.enum(URGENCY_LEVELS).default('ordinaria'),
    ...referralAccessFields,
  }),
});

export type PersonInput = z.output<typeof personSchema>;
/** The person as recorded: the input without the operator's confirmation. */
export type Person = Omit<PersonInput, 'codiceFiscaleConfirmed'>;
export type ReferralInput = z.output<typeof referralSchema>;
export type Referral = ReferralInput['referral'];
