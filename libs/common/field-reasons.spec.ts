// Every reason a 422 can give for a field has an Italian form (workflows/case/field-reasons.ts): the ones
// written in the code (read from the sources: `{ field, reason: '…' }`, a constant used as a reason, a zod
// schema's own message), the ones with values in them (each template tried with a stand-in value), and zod's
// built-in messages as the shared schemas produce them for wrong input. A new reason without its Italian
// sentence fails here instead of reaching an Italian user in English.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { z } from 'zod';
import {
  CASE_EVENT_TYPES,
  caseEventSchemas,
  fieldReason,
  personRectificationSchema,
  referralSchema,
} from '../../workflows/case/index.js';
import { passwordChangeSchema } from '../access/authentication.service.js';
import { DomainError } from './domain-error.js';
import { zodProblems } from './zod-problems.js';

const ROOTS = ['libs', 'apps/api', 'workflows'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? entry.name === 'migrations' || entry.name === 'fixtures'
        ? []
        : sources(join(dir, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && entry.name !== 'field-reasons.ts'
        ? [join(dir, entry.name)]
        : [],
  );
}

/** A template literal with each `${…}` replaced by a stand-in value. */
const filled = (template: string) => template.replace(/\$\{[^}]*\}/g, 'valore');

/** The reasons a file writes, as they read (templates filled in), with where. */
function reasonsIn(file: string): { where: string; reason: string }[] {
  const text = readFileSync(file, 'utf8');
  const found: { where: string; reason: string }[] = [];
  const add = (reason: string) => found.push({ where: file, reason });
  const constants = new Map(
    [...text.matchAll(/const ([A-Z_]+) = '((?:[^'\\]|\\.)*)';/g)].map(([, name, value]) => [name, value]),
  );
  // { field: …, reason: '…' | `…` | CONSTANT }
  for (const [, quote, body, constant] of text.matchAll(
    /field:\s*[^,{}]+,\s*reason:\s*(?:(['`])((?:\\.|(?!\1)[^\\])*)\1|([A-Z_]+)\b)/gs,
  )) {
    if (constant) {
      if (constants.has(constant)) add(constants.get(constant)!);
    } else add(quote === '`' ? filled(body) : body);
  }
  // problemAt(prefix, 'field', `…`): the codice fiscale check's reasons
  for (const [, body] of text.matchAll(/problemAt\([^,]+,\s*'[^']+',\s*`((?:\\.|[^`\\])*)`/gs)) {
    add(filled(body));
  }
  // zod: { message: '…' }, .refine(…, '…'), .regex(…, '…'), .min(n, '…')
  if (/from 'zod'/.test(text)) {
    for (const [, body] of text.matchAll(/message:\s*'((?:[^'\\]|\\.)*)'/g)) add(body);
    for (const [, body] of text.matchAll(
      /\.(?:refine|regex|min|max|length)\((?:[^()]|\([^()]*(?:\([^()]*\)[^()]*)*\))*?,\s*'((?:[^'\\]|\\.)*)'\s*\)/gs,
    )) {
      add(body);
    }
  }
  return found;
}

/** Whether the reason has an Italian sentence of its own (not the English copied). */
const hasItalian = (reason: string) => {
  const worded = fieldReason(reason);
  return worded !== undefined && worded.it.trim() !== '' && worded.it !== reason;
};

/** zod's messages for `input` against `schema`. */
const messagesOf = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : zodProblems(parsed.error).map((problem) => problem.reason);
};

describe('field reasons', () => {
  const written = ROOTS.flatMap(sources).flatMap(reasonsIn);

  it('finds the reasons the code writes', () => {
    // The scan reads what it should: a sample of each kind.
    const reasons = written.map(({ reason }) => reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'is not your current password',
        'names no person of the ambito you may see',
        'each day may appear once',
        'must differ from the current password',
        'name at least one field to correct',
        'must be one of valore',
      ]),
    );
    expect(written.length).toBeGreaterThan(60);
  });

  it('has an Italian form for every reason the code writes', () => {
    // The codice fiscale check's wrapper ("the record's <field> <reason>") words the reasons problemAt is
    // given, each of which is read and checked on its own.
    const wrappers = new Set(["the record's valore valore"]);
    expect(written.filter(({ reason }) => !wrappers.has(reason) && !hasItalian(reason))).toEqual([]);
    expect(hasItalian("the record's birthDate is after today: it dates something already done")).toBe(true);
  });

  it('has an Italian form for zod’s own messages on the shared schemas', () => {
    const wrong = [
      {},
      { person: {}, referral: {} },
      { person: { firstName: 1, birthDate: '31/02/1980', email: 'x' }, referral: { needs: 'lavoro' } },
      { x: 1 },
    ];
    const messages = new Set<string>();
    const schemas: z.ZodType[] = [
      referralSchema,
      personRectificationSchema,
      passwordChangeSchema,
      ...CASE_EVENT_TYPES.map((type) => caseEventSchemas[type] as z.ZodType),
    ];
    for (const schema of schemas) {
      for (const input of wrong) for (const message of messagesOf(schema, input)) messages.add(message);
    }
    for (const message of messagesOf(passwordChangeSchema, { currentPassword: 'x', newPassword: 'corta' })) {
      messages.add(message);
    }
    expect(messages.size).toBeGreaterThan(10);
    expect([...messages].filter((message) => !hasItalian(message))).toEqual([]);
  });

  it('words the 422’s message from the same list, each field’s reason unchanged', () => {
    const problems = [
      { field: 'currentPassword', reason: 'is not your current password' },
      { field: 'mystery', reason: 'a reason nobody worded' },
    ];
    const error = DomainError.invalidPayload(problems);
    expect(error.details.fields).toEqual(problems);
    // Unknown to the list: as written, rather than nothing (the tests above keep the code from writing one).
    expect(error.text).toEqual({
      it: 'Dati non validi. currentPassword: Non è la tua password attuale; mystery: a reason nobody worded',
      en: 'Invalid input. currentPassword: This is not your current password; mystery: a reason nobody worded',
    });
  });
});
