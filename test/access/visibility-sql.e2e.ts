// The case list filters rows with visibilitySql, single cases with visibilityOf: both are built from the
// one relation table in libs/access/case-access.ts. This proves they agree, for every role and every
// relation a viewer can have to a case (referrer, member, coordinator of its ambito, its responsabile,
// and their combinations), on engine-driven cases in every phase.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { relationsOf, visibilityOf, visibilitySql, type Viewer } from '../../libs/access/index.js';
import { SqlParams } from '../../libs/common/index.js';
import { PHASES, restoreCase, ROLES, type PersistedCase } from '../../workflows/case/index.js';
import {
  DAY,
  plus,
  supervisionTerritory,
  type SupervisionTerritory,
} from '../supervision/supervision-territory.js';

/** How many steps of the common path reach each phase. */
const STEPS_TO_PHASE = { segnalazione: 2, valutazione: 4, equipe: 8, pais: 10, monitoraggio: 12, esito: 14 };

let territory: SupervisionTerritory;
let cases: {
  id: string;
  state: string;
  ambito: string;
  referringOrganisationId: string;
  snapshot: PersistedCase;
}[];

beforeAll(async () => {
  territory = await supervisionTerritory();
  const start = new Date('2025-06-01T08:00:00.000Z');
  for (const phase of PHASES) {
    // Referred by the ETS (never a member) and by the SdS (a member too, through its assessor).
    for (const referrer of ['ets', 'sds'] as const) {
      const steps = territory
        .happySteps('valdinievole', STEPS_TO_PHASE[phase])
        .map((step, index) => ({ ...step, at: plus(start, (index + 1) * DAY) }));
      await territory.drive('valdinievole', referrer, start, steps);
    }
  }
  cases = (
    await territory.dataSource.query(
      'SELECT id, state, ambito, referring_organisation_id, snapshot FROM cases ORDER BY created_at, id',
    )
  ).map((row: Record<string, never>) => ({
    id: row.id,
    state: row.state,
    ambito: row.ambito,
    referringOrganisationId: row.referring_organisation_id,
    snapshot: row.snapshot,
  }));
}, 120_000);

afterAll(() => territory.close());

/** Every viewer that matters: each role, from each kind of organisation, in or out of the ambito, as the responsabile or not. */
function viewers(): Viewer[] {
  const { valdinievole, piana_di_lucca: other } = territory.ambiti;
  const organisations = [
    ...(['sds', 'cpi', 'serd', 'ets'] as const).map((type) => ({
      id: valdinievole.organisations[type].id,
      type,
    })),
    { id: other.organisations.sds.id, type: 'sds' as const },
  ];
  const users = [
    valdinievole.users.operatore.id,
    valdinievole.users.coordinatore.id,
    other.users.operatore.id,
  ];
  return ROLES.flatMap((role) =>
    organisations.flatMap((organisation) =>
      ['valdinievole', 'piana_di_lucca'].flatMap((ambito) =>
        users.map((userId) => ({
          userId,
          role,
          organisationId: organisation.id,
          organisationType: organisation.type,
          ambito,
        })),
      ),
    ),
  ) as Viewer[];
}

describe('the SQL visibility predicate', () => {
  it('agrees with visibilityOf for every role × relation × phase', async () => {
    const relationSets = new Set<string>();
    const outcomes = new Set<string>();
    let compared = 0;
    for (const viewer of viewers()) {
      const params = new SqlParams();
      const { visible, content } = visibilitySql(viewer);
      const sql = `SELECT c.id, ${visible(params)} AS visible, ${content(params)} AS content
                   FROM cases c WHERE c.id = ANY(${params.add(cases.map((row) => row.id))}::uuid[])`;
      const judged: { id: string; visible: boolean; content: boolean }[] = await territory.dataSource.query(
        sql,
        params.values,
      );
      for (const row of cases) {
        const facts = { ...row, context: restoreCase(row.snapshot).context };
        const expected = visibilityOf(viewer, facts);
        const got = judged.find((candidate) => candidate.id === row.id)!;
        const actual = !got.visible ? 'none' : got.content ? 'content' : 'status';
        expect({ viewer, state: row.state, visibility: actual }).toEqual({
          viewer,
          state: row.state,
          visibility: expected,
        });
        relationSets.add([...relationsOf(viewer, facts)].sort().join('+'));
        outcomes.add(`${row.state.split('.')[0]}:${expected}`);
        compared += 1;
      }
    }
    expect(compared).toBe(ROLES.length * 5 * 2 * 3 * PHASES.length * 2);
    // The matrix is not vacuous: every relation alone and together, and each outcome, occur in it.
    expect([...relationSets]).toEqual(
      expect.arrayContaining([
        '',
        'inviante',
        'membro',
        'coordinatore',
        'responsabile',
        'inviante+membro',
        'coordinatore+inviante+membro+responsabile',
      ]),
    );
    expect([...outcomes]).toEqual(
      expect.arrayContaining([
        'segnalazione:content',
        'valutazione:status',
        'esito:status',
        'esito:none',
        'pais:content',
      ]),
    );
  });
});
