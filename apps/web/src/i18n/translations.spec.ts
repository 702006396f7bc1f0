// Both languages say everything: every key of one, as i18next reads them, has its twin in the other (plural
// forms included), and the chart's names (workflows/case/labels.ts), which the server sends too, are all
// there in both. The types check most of this, but the tests run transpiled only: this is what fails.
// The server's sentences (rule reasons, errors) are checked where they are worded (workflows/case/wording.spec.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it as test } from '@jest/globals';
import { LABELS, LANGUAGES } from '../../../../workflows/case/index.js';
import { en } from './en';
import { it } from './it';
import { resources } from './resources';

/** Every leaf's path and text: {a: {b: 'x'}} → {'a › b': 'x'} (state ids have dots of their own). */
function texts(messages: object, prefix = ''): Map<string, string> {
  return new Map(
    Object.entries(messages).flatMap(([key, value]): [string, string][] =>
      typeof value === 'object' && value !== null
        ? [...texts(value, `${prefix}${key} › `)]
        : [[`${prefix}${key}`, String(value)]],
    ),
  );
}

const leaves = (messages: object) => [...texts(messages).keys()];

const missing = (from: string[], into: string[]) => from.filter((key) => !into.includes(key));

describe('translations', () => {
  test('Italian and English have the same keys, plural forms included', () => {
    const italian = leaves(resources.it.translation);
    const english = leaves(resources.en.translation);
    expect({
      missingInEnglish: missing(italian, english),
      missingInItalian: missing(english, italian),
    }).toEqual({
      missingInEnglish: [],
      missingInItalian: [],
    });
  });

  test('every language names every state, event, deadline, history entry and vocabulary value', () => {
    const [first, ...others] = LANGUAGES.map((language) => leaves(LABELS[language]));
    for (const other of others) {
      expect({ missing: missing(first, other), extra: missing(other, first) }).toEqual({
        missing: [],
        extra: [],
      });
    }
    for (const language of LANGUAGES) {
      expect([...texts(LABELS[language])].filter(([, text]) => text.trim() === '')).toEqual([]);
    }
  });

  test('the English bundle holds the chart’s English names', () => {
    expect(resources.en.translation.states['segnalazione.inviata']).toBe('Submitted, awaiting triage');
    expect(resources.en.translation.deadlines.triage).toBe('Triage of the referral');
    expect(resources.it.translation.deadlines.triage).toBe('Triage della segnalazione');
  });

  test('no English text is left empty or still Italian where the Italian is a sentence', () => {
    const italian = texts(it);
    const untranslated = [...texts(en)].filter(
      ([key, text]) => text.trim() === '' || (italian.get(key) === text && text.split(' ').length > 3),
    );
    expect(untranslated).toEqual([]);
  });

  test('every key the screens name literally exists: a missing one shows its key to the user', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? sources(join(dir, entry.name))
          : /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts')
            ? [join(dir, entry.name)]
            : [],
      );
    const keys = new Set(leaves(resources.it.translation).map((key) => key.replaceAll(' › ', '.')));
    const named = sources('apps/web/src').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z_.]+)'/g)].map(([, key]) => ({ file, key })),
    );
    // Plural keys exist as key_one and key_other.
    const exists = (key: string) => keys.has(key) || keys.has(`${key}_one`) || keys.has(`${key}_other`);
    expect(named.length).toBeGreaterThan(500);
    expect(named.filter(({ key }) => !exists(key))).toEqual([]);
  });
});
