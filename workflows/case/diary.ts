// The diary of a case (diario del percorso): dated notes by whoever works on it, each filed under the data
// category its content belongs to, which decides who reads it (the same rule as the assessments).
import { z } from 'zod';
import { DATA_CATEGORIES } from './access-rules.js';
import { isoDate, text } from './primitives.js';

export const diaryEntrySchema = z.strictObject({
  /** The day the note is about (a call, a visit, a meeting); not after the day it is written. */
  occurredOn: isoDate,
  category: z.enum(DATA_CATEGORIES).default('comuni'),
  text: text(8000),
});

/** An edit replaces the entry's text, date or category; the earlier version stays. */
export const diaryEditSchema = z.strictObject({
  entry: diaryEntrySchema,
  expectedVersion: z.int().min(1),
});

export type DiaryEntryInput = z.output<typeof diaryEntrySchema>;
