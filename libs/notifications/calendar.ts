// The calendar invitation of an equipe convocation, written by the `ics` package (RFC 5545). One entry
// per meeting round: a rescheduling sends the same UID with a higher SEQUENCE, so calendars move the
// meeting instead of adding a second one.
import { createEvent } from 'ics';
import type { Meeting } from '../../workflows/case/index.js';
import type { MailAttachment } from '../scheduling/queues.js';

export interface Convocation {
  caseId: string;
  initials: string;
  caseUrl: string;
  meeting: Pick<Meeting, 'level' | 'date' | 'place'> & { uid: string; revision: number };
}

/** The calendar holds the slot; how long the equipe takes is not recorded, so two hours are assumed. */
const MEETING_DURATION = { hours: 2 };

export function convocationInvite(convocation: Convocation): MailAttachment {
  const { meeting } = convocation;
  const level = meeting.level === 'primo_livello' ? 'primo' : 'secondo';
  const { error, value } = createEvent({
    uid: `${convocation.caseId}.${meeting.uid}@percorsi`,
    sequence: meeting.revision - 1,
    method: 'REQUEST',
    start: new Date(meeting.date).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: MEETING_DURATION,
    title: `Equipe di ${level} livello — ${convocation.initials}`,
    description: `Percorso di ${convocation.initials}: ${convocation.caseUrl}`,
    ...(meeting.place ? { location: meeting.place } : {}),
    url: convocation.caseUrl,
    productId: 'percorsi',
  });
  if (error || !value) throw error ?? new Error('calendar entry not written');
  return { filename: 'convocazione.ics', contentType: 'text/calendar; method=REQUEST', content: value };
}
