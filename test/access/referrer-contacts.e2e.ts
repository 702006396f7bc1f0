// The referring service reads its referral during triage, but not the contacts the ambito's shared person
// record holds: they may come from another service, and would tell it that the person is already known.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemClock } from '../../libs/common/index.js';
import { exampleReferral } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';

let api: TestApi;
let coordinator: ApiClient;
let inviante: ApiClient;

beforeAll(async () => {
  api = await startApi(systemClock);
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
  inviante = await api.anonymous.as('inviante@percorsi.demo');
});

afterAll(() => api.close());

describe('contacts of a known person', () => {
  it('are not shown to the referring service, whose own referral of her carried none', async () => {
    const known = { firstName: 'Bianca', lastName: 'Contatti', birthDate: '1985-03-05', sex: 'F' as const };
    const bySds = await coordinator.post(
      '/api/cases',
      exampleReferral({ ...known, phone: '+39 0572 999888', email: 'bianca@example.it' }),
    );
    expect(bySds.status).toBe(201);
    const byEts = await inviante.post(
      '/api/cases',
      exampleReferral({ ...known, phone: undefined, email: undefined }),
    );
    expect(byEts.status).toBe(201);

    const seenByEts = (await inviante.get(`/api/cases/${byEts.body.id}`)).body;
    expect(seenByEts.access).toBe('content');
    expect(seenByEts.person).toMatchObject({ firstName: 'Bianca', lastName: 'Contatti' });
    expect(seenByEts.person.phone).toBeUndefined();
    expect(seenByEts.person.email).toBeUndefined();
    // Said, so that the page does not claim the person has none.
    expect(seenByEts.contactsWithheld).toBe(true);
    expect(JSON.stringify(seenByEts)).not.toContain('999888');
    expect(byEts.body.person.phone).toBeUndefined();

    // The coordinator, who works the case, reads the record's contacts.
    const seenBySds = (await coordinator.get(`/api/cases/${byEts.body.id}`)).body;
    expect(seenBySds.person).toMatchObject({ phone: '+39 0572 999888', email: 'bianca@example.it' });
    expect(seenBySds.contactsWithheld).toBe(false);
  });
});
