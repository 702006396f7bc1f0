// People told in time: every notice a change of the case sends (noticesOf in the chart), end to end
// through the outbox relay, the mail queue and a real SMTP peer. A business day lasts an hour here, so
// no deadline of these cases falls due during the test: every message counted is a notice.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemClock } from '../../libs/common/index.js';
import type { CaughtMail } from '../../libs/notifications/index.js';
import { exampleReferral, type ExamplePayloads } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads, toConvenedEquipe } from '../support/demo-territory.js';
import { schedulingEnvironment, sleep, waitFor, type SchedulingEnvironment } from '../support/scheduling.js';

let environment: SchedulingEnvironment;
let api: TestApi;
let coordinator: ApiClient;
let inviante: ApiClient;
let payloads: ExamplePayloads;

beforeAll(async () => {
  environment = await schedulingEnvironment(3600);
  api = await startApi(systemClock, environment.env);
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
  inviante = await api.anonymous.as('inviante@percorsi.demo');
  payloads = await demoPayloads(api.dataSource, new Date().toISOString().slice(0, 10));
  await environment.startWorker();
});

afterAll(async () => {
  await environment.stopWorkers();
  await api.close();
  await environment.close();
});

const ofKind = (caseId: string, kind: string) =>
  environment.mailsFor(caseId).filter((mail) => mail.headers['x-percorsi-kind'] === kind);
const recipients = (mails: CaughtMail[]) => mails.map((mail) => mail.to[0]).sort();

/** Waits until the case's outbox is relayed and its mail queue drained, then a little longer. */
async function settled(caseId: string): Promise<void> {
  await waitFor(async () => {
    const { rows } = await environment.database.query(
      'SELECT count(*)::int AS pending FROM outbox WHERE case_id = $1 AND sent_at IS NULL',
      [caseId],
    );
    const counts = await environment.queues.mail.getJobCounts('waiting', 'active', 'delayed');
    return rows[0].pending === 0 && counts.waiting + counts.active + counts.delayed === 0;
  }, 'the outbox and mail queue to drain');
  await sleep(300);
}

async function referredByTheEts(): Promise<string> {
  const created = await inviante.post('/api/cases', exampleReferral());
  await inviante.send(created.body.id, 'RECORD_CONSENT', payloads.RECORD_CONSENT);
  await inviante.send(created.body.id, 'SUBMIT');
  return created.body.id;
}

describe('notices', () => {
  it('tells the coordinator once that a referral waits for triage, and never the referrer who sent it', async () => {
    const id = await referredByTheEts();
    await waitFor(() => ofKind(id, 'segnalazione_da_valutare').length > 0, 'the triage notice');
    await settled(id);
    const mails = environment.mailsFor(id);
    expect(recipients(mails)).toEqual(['coordinatore@percorsi.demo']);
    expect(mails[0].subject).toBe('[Percorsi] Nuova segnalazione da valutare — M. R.');
    expect(mails[0].text).toContain(`/casi/${id}`);
    expect(mails[0].text).not.toContain('Rossi');
  });

  it('tells each new assessor, the convened organisations with a calendar invitation, and the responsabile', async () => {
    const id = await referredByTheEts();
    for (const [type, data] of [
      ...toConvenedEquipe(payloads),
      ['DESIGNATE_RESPONSABILE', payloads.DESIGNATE_RESPONSABILE],
    ] as const) {
      await coordinator.send(id, type, data);
    }
    await settled(id);

    expect(recipients(ofKind(id, 'valutatori_assegnati'))).toEqual([
      'cpi@percorsi.demo',
      'operatore@percorsi.demo',
    ]);
    // Every operator of the three convened organisations; the coordinator convened them herself.
    const convocations = ofKind(id, 'equipe_convocata');
    expect(recipients(convocations)).toEqual([
      'cpi@percorsi.demo',
      'operatore@percorsi.demo',
      'serd@percorsi.demo',
    ]);
    const invite = convocations[0].attachments.find(
      (attachment) => attachment.filename === 'convocazione.ics',
    );
    expect(invite?.contentType).toContain('text/calendar');
    const meetingStart = payloads.SCHEDULE_MEETING.date.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    expect(invite?.content).toContain(`DTSTART:${meetingStart}`);
    expect(invite?.content).toContain('LOCATION:Sede SdS\\, Pescia');
    expect(invite?.content).toContain(`UID:${id}.primo_livello-1@percorsi`);
    expect(invite?.content).toContain('SEQUENCE:0');
    expect(convocations[0].text).toContain('Sede SdS, Pescia');
    expect(recipients(ofKind(id, 'responsabile_designato'))).toEqual(['operatore@percorsi.demo']);

    // Moving the meeting sends the same calendar entry again, one revision up.
    const moved = new Date(Date.parse(payloads.SCHEDULE_MEETING.date) + 86_400_000).toISOString();
    await coordinator.send(id, 'SCHEDULE_MEETING', { ...payloads.SCHEDULE_MEETING, date: moved });
    await settled(id);
    const again = ofKind(id, 'equipe_convocata');
    expect(again).toHaveLength(6);
    const revised = again.slice(3).map((mail) => mail.attachments[0].content);
    for (const content of revised) {
      expect(content).toContain(`UID:${id}.primo_livello-1@percorsi`);
      expect(content).toContain('SEQUENCE:1');
    }
    expect(again[3].subject).toContain('Equipe riconvocata');
  });

  it('tells of an escalation decided by the equipe and of the closing, and each only once when the outbox replays', async () => {
    const id = await referredByTheEts();
    for (const [type, data] of [
      ...toConvenedEquipe(payloads),
      ['DESIGNATE_RESPONSABILE', payloads.DESIGNATE_RESPONSABILE],
      ['RECORD_MEETING', { ...payloads.RECORD_MEETING, decision: 'escalate', responsabile: undefined }],
      ['CLOSE', { outcome: { primary: 'abbandono', secondary: [] } }],
    ] as const) {
      await coordinator.send(id, type, data);
    }
    await settled(id);
    expect(recipients(ofKind(id, 'passaggio_secondo_livello'))).toEqual([
      'cpi@percorsi.demo',
      'operatore@percorsi.demo',
      'serd@percorsi.demo',
    ]);
    expect(recipients(ofKind(id, 'percorso_concluso'))).toEqual(['operatore@percorsi.demo']);
    const before = environment.mailsFor(id).length;

    // A relay that crashed after queueing but before marking its rows replays them: nobody is told twice.
    await environment.database.query('UPDATE outbox SET sent_at = NULL WHERE case_id = $1', [id]);
    await settled(id);
    expect(environment.mailsFor(id)).toHaveLength(before);
  });

  it('lists each user’s own messages, newest first, a page at a time', async () => {
    const id = await referredByTheEts();
    await waitFor(() => ofKind(id, 'segnalazione_da_valutare').length > 0, 'the triage notice');
    await settled(id);
    const mine = (await coordinator.get('/api/notifications?limit=1')).body;
    expect(mine.items).toEqual([
      expect.objectContaining({ caseId: id, kind: 'segnalazione_da_valutare', subject: expect.any(String) }),
    ]);
    const next = (await coordinator.get(`/api/notifications?limit=1&before=${mine.nextBefore}`)).body;
    expect(next.items[0].id).toBeLessThan(mine.items[0].id);
    expect((await inviante.get('/api/notifications')).body.items).toEqual([]);
    const bad = await coordinator.get('/api/notifications?limit=0');
    expect(bad.status).toBe(422);
    expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'limit' })]);
  });
});
