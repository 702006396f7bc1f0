// Both languages say everything: every key of one, as i18next reads them, has its twin in the other (plural
// forms included), and English names every state, event and vocabulary value of the statechart, whose
// Italian lives in the chart. The type of en.ts checks most of this; records keyed by the chart's names not.
import { describe, expect, it as test } from '@jest/globals';
import {
  EVENT_LABELS,
  HISTORY_LABELS,
  RENEWAL_LABELS,
  STATE_LABELS,
  VOCABULARY_LABELS,
} from '../../../../workflows/case/index.js';
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

  test('English names every state, event, history entry and vocabulary value of the chart', () => {
    expect(missing(Object.keys(STATE_LABELS), Object.keys(en.states))).toEqual([]);
    expect(missing(Object.keys(EVENT_LABELS), Object.keys(en.events))).toEqual([]);
    expect(missing(Object.keys(HISTORY_LABELS), Object.keys(en.historyEvents))).toEqual([]);
    expect(missing(Object.keys(RENEWAL_LABELS), Object.keys(en.renewals))).toEqual([]);
    expect(missing(leaves(VOCABULARY_LABELS), leaves(en.vocab))).toEqual([]);
  });

  test('no English text is left empty or still Italian where the Italian is a sentence', () => {
    const italian = texts(it);
    const untranslated = [...texts(en)].filter(
      ([key, text]) => text.trim() === '' || (italian.get(key) === text && text.split(' ').length > 3),
    );
    expect(untranslated).toEqual([]);
  });
});
