// Versions of the chart: a stored version-1 snapshot keeps restoring and running on version 1 in every later
// release; version 2 adds the optional colloquio di accoglienza; the declared migration moves a case from 1 to 2.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { caseEvent, runCase } from '../../test/support/case-events.js';
import {
  applyCaseEvent,
  availableEvents,
  explainRefusal,
  LATEST_VERSION,
  migrateCase,
  migrationTo,
  persistCase,
  RELEASED_VERSIONS,
  restoreCase,
  stateIdOf,
  type PersistedCase,
} from './index.js';

/** A case in monitoraggio as version 1 stored it, before snapshots named their version (committed, never regenerated). */
const storedV1 = JSON.parse(
  readFileSync(new URL('./fixtures/v1-monitoraggio.snapshot.json', import.meta.url), 'utf8'),
) as PersistedCase;

const run = runCase;

const accepted = [caseEvent('RECORD_CONSENT'), caseEvent('SUBMIT'), caseEvent('ACCEPT')];

describe('released versions', () => {
  it('are numbered from 1 without gaps, each migration going to the next', () => {
    expect(RELEASED_VERSIONS).toEqual(Array.from({ length: LATEST_VERSION }, (_, index) => index + 1));
    for (const version of RELEASED_VERSIONS.slice(1)) expect(migrationTo(version)?.from).toBe(version - 1);
  });

  it('restores the stored version-1 snapshot on version 1 and keeps running it there', () => {
    expect(storedV1.version).toBeUndefined();
    const restored = restoreCase(storedV1);
    expect(persistCase(restored).version).toBe(1);
    expect(stateIdOf(restored)).toBe('monitoraggio.attivo');
    expect(restored.context.plan?.signedOn).toBe('2026-03-02');
    const closed = applyCaseEvent(restored, caseEvent('CLOSE'));
    expect(closed.status).toBe('done');
    expect(persistCase(closed).version).toBe(1);
    // And it moves to the latest version through the declared migrations, one version at a time.
    let persisted = storedV1;
    for (const version of RELEASED_VERSIONS.slice(1)) {
      const outcome = migrateCase(persisted, migrationTo(version)!);
      if (!outcome.moves) throw new Error(outcome.reason);
      persisted = persistCase(outcome.next);
    }
    expect(stateIdOf(restoreCase(persisted))).toBe('monitoraggio.attivo');
  });

  it('refuses a snapshot naming a version that was never released', () => {
    expect(() => restoreCase({ ...storedV1, version: LATEST_VERSION + 1 })).toThrow(/No released version/);
  });
});

describe('version 2: the colloquio di accoglienza', () => {
  it('opens the valutazione with the interview on version 2 only', () => {
    expect(stateIdOf(run(1, ...accepted))).toBe('valutazione.da_assegnare');
    const v2 = run(2, ...accepted);
    expect(stateIdOf(v2)).toBe('valutazione.accoglienza');
    expect(availableEvents(v2)).toEqual(
      expect.arrayContaining(['RECORD_WELCOME_INTERVIEW', 'ASSIGN_ASSESSORS']),
    );
    expect(explainRefusal(run(1, ...accepted), caseEvent('RECORD_WELCOME_INTERVIEW'))).toMatchObject({
      code: 'illegal_event',
    });
  });

  it('records the interview, then the assessors are assigned as on version 1', () => {
    const interviewed = run(2, ...accepted, caseEvent('RECORD_WELCOME_INTERVIEW'));
    expect(stateIdOf(interviewed)).toBe('valutazione.da_assegnare');
    expect(interviewed.context.welcomeInterview).toMatchObject({
      heldOn: '2026-03-02',
      recordedBy: 'u-test',
    });
    expect(stateIdOf(applyCaseEvent(interviewed, caseEvent('ASSIGN_ASSESSORS')))).toBe(
      'valutazione.in_corso',
    );
  });

  it('lets the coordinator skip it and assign the assessors at once', () => {
    const skipped = run(2, ...accepted, caseEvent('ASSIGN_ASSESSORS'));
    expect(stateIdOf(skipped)).toBe('valutazione.in_corso');
    expect(skipped.context.welcomeInterview).toBeUndefined();
  });
});

describe('migration from version 1 to 2', () => {
  const migration = migrationTo(2)!;

  it('moves a case waiting for its assessors to the interview, and others to the same state', () => {
    const waiting = migrateCase(persistCase(run(1, ...accepted)), migration);
    expect(waiting).toMatchObject({
      moves: true,
      fromState: 'valutazione.da_assegnare',
      toState: 'valutazione.accoglienza',
    });
    const moved = migrateCase(storedV1, migration);
    if (!moved.moves) throw new Error(moved.reason);
    expect(persistCase(moved.next)).toEqual({ ...storedV1, version: 2 });
  });

  it('leaves a closed case, one on another version and an unreadable snapshot where they are, saying why', () => {
    const closed = persistCase(run(1, ...accepted.slice(0, 2), caseEvent('REJECT')));
    expect(migrateCase(closed, migration)).toEqual({
      moves: false,
      fromState: 'esito',
      reason: 'the case is closed',
    });
    expect(migrateCase(persistCase(run(2)), migration)).toMatchObject({
      moves: false,
      reason: 'runs on version 2, not 1',
    });
    const broken = { ...storedV1, value: { valutazione: 'sparito' } } as PersistedCase;
    expect(migrateCase(broken, migration)).toMatchObject({ moves: false, fromState: null });
  });
});
