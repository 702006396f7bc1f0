// Data minimisation over time: the identity of people whose every percorso closed more than the retention
// period ago is replaced, while cases, history and outcomes stay for statistics. The identity lives only in
// `persons` (kept apart from the snapshot for exactly this), the record's changes, the documents filed on
// the cases (an identity card, a signed consent) and the notes of their diaries, which go; a record merged
// into another goes with it.
import type { DataSource } from 'typeorm';
import type { Clock } from '../common/index.js';

export class Retention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly years: number,
  ) {}

  /** Returns how many people were pseudonymised. */
  async pseudonymiseExpired(): Promise<number> {
    const now = this.clock.now();
    const cutoff = new Date(now);
    cutoff.setUTCFullYear(cutoff.getUTCFullYear() - this.years);
    const [{ count }] = await this.dataSource.transaction(async (transaction) => {
      // The diary is append-only (a trigger refuses UPDATE and DELETE); this transaction alone tells the
      // trigger it is the retention's (migration 1767100000000), and the setting ends with it.
      await transaction.query(`SELECT set_config('percorsi.retention', 'on', true)`);
      return transaction.query(
        `WITH pseudonymised AS (
       UPDATE persons p SET
         first_name = 'Persona',
         last_name = 'pseudonimizzata',
         codice_fiscale = NULL,
         birthplace = NULL,
         birthplace_code = NULL,
         citizenship = NULL,
         birth_date = date_trunc('year', p.birth_date)::date,
         phone = NULL,
         email = NULL,
         pseudonymised_at = $2
       WHERE p.pseudonymised_at IS NULL
         AND EXISTS (SELECT 1 FROM cases c WHERE c.person_id = COALESCE(p.merged_into, p.id))
         AND NOT EXISTS (
           SELECT 1 FROM cases c WHERE c.person_id = COALESCE(p.merged_into, p.id)
             AND (c.phase <> 'esito' OR c.updated_at >= $1))
       RETURNING p.id),
       -- The record's history holds the identity too.
       forgotten AS (DELETE FROM person_changes WHERE person_id IN (SELECT id FROM pseudonymised)),
       -- Their bytes go with them (ON DELETE CASCADE).
       shredded AS (
         DELETE FROM case_documents d USING cases c
         WHERE c.id = d.case_id AND c.person_id IN (SELECT id FROM pseudonymised)),
       -- The diary's notes may name her: every version of each goes (also those that nights before the
       -- diary went with the person left behind).
       unwritten AS (
         DELETE FROM diary_versions v USING cases c JOIN persons p ON p.id = c.person_id
         WHERE c.id = v.case_id
           AND (p.pseudonymised_at IS NOT NULL OR p.id IN (SELECT id FROM pseudonymised)))
       SELECT count(*)::int AS count FROM pseudonymised`,
        [cutoff, now],
      );
    });
    return count;
  }
}
