import { describe, expect, it } from '@jest/globals';
import { caseEvent } from '../../test/support/case-events.js';
import {
  applyCaseEvent,
  deadlinesOf,
  exampleReferral,
  startCase,
  type CaseSnapshot,
} from '../../workflows/case/index.js';
import { planJobs, type StateChange } from './deadline-planner.js';

const submittedAt = '2026-03-02T08:00:00.000Z';

function change(snapshot: CaseSnapshot, at: string): StateChange {
  return { caseId: 'c1', at, deadlines: deadlinesOf(snapshot) };
}

const submitted = [caseEvent('RECORD_CONSENT'), caseEvent('SUBMIT', {}, submittedAt)].reduce(
  applyCaseEvent,
  startCase(exampleReferral().referral, 1),
);

describe('deadline planning', () => {
  it('plans the triage reminders 3 and 1 days before and the expiry at 10 days', () => {
    const { add, remove } = planJobs(change(submitted, submittedAt), null, {}, new Date(submittedAt));
    expect(add.map((job) => [job.data.kind, job.runAt.toISOString(), job.data.recipients])).toEqual([
      ['reminder', '2026-03-09T08:00:00.000Z', ['coordinatore']],
      ['reminder', '2026-03-11T08:00:00.000Z', ['coordinatore']],
      ['expiry', '2026-03-12T08:00:00.000Z', ['supervisore']],
    ]);
    expect(new Set(add.map((job) => job.id)).size).toBe(3);
    expect(remove).toEqual([]);
  });

  it('re-plans a running state entry under a changed rule: same ids, new moments, dropped reminders withdrawn', () => {
    const original = planJobs(change(submitted, submittedAt), null, {}, new Date(submittedAt));
    const replan = { ...change(submitted, submittedAt), replan: { rulesBefore: { triage: {} } } };
    const now = new Date('2026-03-04T08:00:00.000Z');
    const moved = planJobs(
      replan,
      change(submitted, submittedAt),
      { triage: { afterDays: 4, reminderDays: [1] } },
      now,
    );
    expect(moved.add.map((job) => [job.id, job.runAt.toISOString()])).toEqual([
      [original.add[0].id, '2026-03-05T08:00:00.000Z'],
      [original.add[2].id, '2026-03-06T08:00:00.000Z'],
    ]);
    expect(moved.remove).toEqual([original.add[1].id]);
  });

  it('gives the same job ids when the same change is planned again', () => {
    const first = planJobs(change(submitted, submittedAt), null, {}, new Date(submittedAt));
    const again = planJobs(change(submitted, submittedAt), null, {}, new Date(submittedAt));
    expect(again.add.map((job) => job.id)).toEqual(first.add.map((job) => job.id));
  });

  it('withdraws the jobs of the state that was left', () => {
    const acceptedAt = '2026-03-04T08:00:00.000Z';
    const accepted = applyCaseEvent(submitted, caseEvent('ACCEPT', {}, acceptedAt));
    const previous = planJobs(change(submitted, submittedAt), null, {}, new Date(submittedAt));
    const next = planJobs(
      change(accepted, acceptedAt),
      change(submitted, submittedAt),
      {},
      new Date(acceptedAt),
    );
    expect(next.remove.sort()).toEqual(previous.add.map((job) => job.id).sort());
    expect(next.add.map((job) => job.data.deadline.key)).toEqual([
      'valutazione',
      'valutazione',
      'valutazione',
    ]);
  });

  it('keeps a parent state’s deadline when only a child state changes', () => {
    const toFirstLevel = [
      caseEvent('ACCEPT'),
      caseEvent('ASSIGN_ASSESSORS'),
      caseEvent('RECORD_DOMAIN_ASSESSMENT', { domain: 'lavoro' }),
      caseEvent('RECORD_DOMAIN_ASSESSMENT', { domain: 'casa' }),
      caseEvent('COMPLETE_ASSESSMENT', {}, '2026-03-05T08:00:00.000Z'),
    ].reduce(applyCaseEvent, submitted);
    const convened = applyCaseEvent(
      toFirstLevel,
      caseEvent('SCHEDULE_MEETING', { date: '2026-03-20T09:30:00.000Z' }, '2026-03-06T08:00:00.000Z'),
    );
    const plan = planJobs(
      change(convened, '2026-03-06T08:00:00.000Z'),
      change(toFirstLevel, '2026-03-05T08:00:00.000Z'),
      {},
      new Date('2026-03-06T08:00:00.000Z'),
    );
    expect(plan.remove).toEqual([]);
    expect(
      plan.add.map((job) => `${job.data.deadline.key} ${job.data.kind} ${job.runAt.toISOString()}`),
    ).toEqual([
      'equipe_primo_livello expiry 2026-03-25T08:00:00.000Z',
      'riunione_primo_livello reminder 2026-03-18T09:30:00.000Z',
    ]);
  });

  it('applies the ambito’s override of duration and reminders', () => {
    const { add } = planJobs(
      change(submitted, submittedAt),
      null,
      { triage: { afterDays: 5, reminderDays: [2] } },
      new Date(submittedAt),
    );
    expect(add.map((job) => [job.data.kind, job.runAt.toISOString()])).toEqual([
      ['reminder', '2026-03-05T08:00:00.000Z'],
      ['expiry', '2026-03-07T08:00:00.000Z'],
    ]);
  });

  it('compresses business days into seconds with the time scale', () => {
    const { add } = planJobs(change(submitted, submittedAt), null, {}, new Date(submittedAt), 2);
    expect(add.map((job) => job.runAt.getTime() - new Date(submittedAt).getTime())).toEqual([
      14000, 18000, 20000,
    ]);
  });

  it('skips reminders of a deadline that has already passed, but not its expiry', () => {
    const { add } = planJobs(change(submitted, submittedAt), null, {}, new Date('2026-04-01T00:00:00.000Z'));
    expect(add.map((job) => job.data.kind)).toEqual(['expiry']);
  });
});
