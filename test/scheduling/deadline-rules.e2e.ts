// An amministratore's change of a deadline rule reaches a case that is already running it: its pending
// reminder and expiry move to the new moments (same job ids, through the outbox and the relay), the ones
// the new rule drops never go out, and each message is sent once. One business day lasts 1 s here.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { systemClock } from '../../libs/common/index.js';
import { deadlineJobId } from '../../libs/scheduling/index.js';
import { exampleReferral, type ExamplePayloads } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';
import { schedulingEnvironment, sleep, waitFor, type SchedulingEnvironment } from '../support/scheduling.js';

const SECONDS_PER_DAY = 1;
const day = (days: number) => days * SECONDS_PER_DAY * 1000;
const LATENESS_BOUND_MS = 1000;

let environment: SchedulingEnvironment;
let api: TestApi;
let coordinator: ApiClient;
let admin: ApiClient;
let payloads: ExamplePayloads;

beforeAll(async () => {
  environment = await schedulingEnvironment(SECONDS_PER_DAY);
  api = await startApi(systemClock, environment.env);
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
  admin = await api.anonymous.as('admin@percorsi.demo');
  payloads = await demoPayloads(api.dataSource, new Date().toISOString().slice(0, 10));
});

afterEach(() => environment.stopWorkers());

afterAll(async () => {
  await api.close();
  await environment.close();
});

const pendingOutbox = async (caseId: string) => {
  const { rows } = await environment.database.query(
    'SELECT count(*)::int AS pending FROM outbox WHERE case_id = $1 AND sent_at IS NULL',
    [caseId],
  );
  return rows[0].pending as number;
};

describe('a deadline rule changed while a case runs it', () => {
  it('moves the pending reminder and expiry to the new moments and sends each once', async () => {
    await environment.startWorker();
    const created = await coordinator.post('/api/cases', exampleReferral({ lastName: 'Spostata' }));
    const id = created.body.id;
    await coordinator.send(id, 'RECORD_CONSENT', payloads.RECORD_CONSENT);
    const submittedAt = Date.now();
    const submitted = await coordinator.send(id, 'SUBMIT');
    await waitFor(async () => (await pendingOutbox(id)) === 0, 'the triage jobs planned');
    const startsAt = submitted.deadlines.find(
      (deadline: { key: string }) => deadline.key === 'triage',
    ).startsAt;
    const job = (moment: string) =>
      environment.queues.deadlines.getJob(deadlineJobId(id, 'triage', startsAt, moment));
    // Promoted right after the relay's commit (an hour's horizon holds the whole scaled triage).
    await waitFor(
      async () => (await (await job('reminder1'))?.getState()) === 'delayed',
      'the jobs promoted',
    );

    // The chart's triage: 10 days, reminders 3 and 1 days before (days 7 and 9). Now: 4 days, one reminder 2 before.
    const changed = await admin.request('PUT', '/api/admin/deadlines/triage', {
      afterDays: 4,
      reminderDays: [2],
    });
    expect(changed.status).toBe(200);
    await waitFor(async () => (await pendingOutbox(id)) === 0, 'the re-plan relayed');
    // After the commit the relay withdraws the jobs it moved or dropped; the promoter adds the moved ones back.
    await waitFor(async () => (await job('reminder1')) === undefined, 'the dropped reminder withdrawn');
    const moved = await waitFor(async () => {
      const reminder = await job('reminder0');
      return reminder && reminder.timestamp + reminder.opts.delay! < submittedAt + day(2) + LATENESS_BOUND_MS
        ? reminder
        : null;
    }, 'the reminder at its new moment');
    expect(moved.id).toBe(deadlineJobId(id, 'triage', startsAt, 'reminder0'));

    await waitFor(
      () => environment.mailsFor(id).length >= 2,
      'the reminder and the alert at their new moments',
    );
    // Past the old expiry (day 10): nothing more goes out.
    await sleep(Math.max(0, submittedAt + day(10) + LATENESS_BOUND_MS - Date.now()));
    const mails = environment.mailsFor(id);
    expect(mails.map((mail) => mail.headers['x-percorsi-kind'])).toEqual(['promemoria', 'scadenza']);
    mails.forEach((mail, index) => {
      const late = Date.parse(mail.receivedAt) - (submittedAt + day([2, 4][index]));
      expect(late).toBeGreaterThan(-LATENESS_BOUND_MS);
      expect(late).toBeLessThan(LATENESS_BOUND_MS);
    });

    const history = (await coordinator.get(`/api/cases/${id}/history`)).body;
    const entry = history.items.find(
      (item: { eventType: string }) => item.eventType === 'DEADLINE_RULES_CHANGED',
    );
    expect(entry).toMatchObject({
      actorName: 'Sistema',
      eventData: {
        deadlineKey: 'triage',
        before: { afterDays: 10 },
        after: { afterDays: 4, reminderDays: [2] },
      },
    });
    expect(history.notifications.map((mail: { kind: string }) => mail.kind)).toEqual([
      'promemoria',
      'scadenza',
    ]);
  });
});
