import type { MigrationInterface, QueryRunner } from 'typeorm';

const RULE_TRIGGERS = [
  ['deadline_overrides', 'lateness'],
  ['deadline_overrides', 'next_deadline'],
  ['supervision_thresholds', 'lateness'],
];
const OPERATIONS = ['inserted', 'updated', 'deleted'];

/**
 * "Late from" has one definition, libs/supervision/lateness.ts, which the projector applies with every
 * transition and a rule change applies again to the cases it moves. The SQL copies of it go: the functions
 * supervision_lateness and supervision_late_from, the triggers that recomputed through them, and the copy of
 * the chart's defaults they read (supervision_default_rules). What remains is a fingerprint of the chart's
 * defaults, so that a release changing one recomputes every open case once at start-up.
 */
export class OneLatenessRule1766300000000 implements MigrationInterface {
  name = 'OneLatenessRule1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, suffix] of RULE_TRIGGERS) {
      for (const operation of OPERATIONS) {
        await queryRunner.query(`DROP TRIGGER ${table}_${operation}_${suffix} ON ${table}`);
      }
    }
    await queryRunner.query(`
      DROP TABLE supervision_default_rules;
      DROP FUNCTION supervision_default_rules_changed();
      DROP FUNCTION supervision_ambito_rules_changed();
      DROP FUNCTION supervision_thresholds_changed();
      DROP FUNCTION case_next_deadline_rules_changed();
      DROP FUNCTION case_next_deadline_recompute(text);
      DROP FUNCTION supervision_recompute_lateness(text, text[]);
      DROP FUNCTION supervision_recompute_lateness(text);
      DROP FUNCTION supervision_late_from(text, text, timestamptz, text[], timestamptz[]);
      DROP FUNCTION supervision_lateness(text, text, timestamptz, text[], timestamptz[]);

      -- One row: the chart's defaults the stored moments were computed with (empty: recompute at start-up).
      CREATE TABLE supervision_chart_rules (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        fingerprint text NOT NULL
      );
    `);
  }

  async down(): Promise<void> {
    throw new Error('OneLatenessRule1766300000000 cannot be undone: the SQL lateness functions are gone.');
  }
}
