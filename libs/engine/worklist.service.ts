// "Le mie attività": one list, soonest first, of what needs the operator across the cases they work:
// deadlines due or passed, equipe meetings their organisation is invited to, plans waiting for the
// person's signature, periodic checks due and, for a coordinatore, referrals awaiting triage.
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { deadlineName, stateName } from '../../workflows/case/index.js';
import { visibilitySql, type Viewer } from '../access/index.js';
import { CLOCK, parseInput, type Clock } from '../common/index.js';
import { WorklistRepository } from '../persistence/worklist.repository.js';

const DAY_MS = 86_400_000;

/** What the chart's states and deadlines mean for the person working the case. */
const MEANING = {
  signatureStates: ['pais.da_sottoscrivere'],
  checkDeadlines: ['verifica_periodica'],
  triageStates: ['segnalazione.inviata'],
};

export const worklistQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(90).default(14),
});

/** More than this is not a day's work: the page says there is more and links to the full list. */
const MAX_ITEMS = 100;

@Injectable()
export class Worklist {
  constructor(
    @Inject(WorklistRepository) private readonly worklist: WorklistRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async of(query: unknown, viewer: Viewer) {
    const { days } = parseInput(worklistQuerySchema, query);
    const now = this.clock.now();
    const until = new Date(now.getTime() + days * DAY_MS);
    const { items, more } = await this.worklist.worklist({
      userId: viewer.userId,
      organisationId: viewer.organisationId,
      triageAmbito: viewer.role === 'coordinatore' ? viewer.ambito : undefined,
      visibility: visibilitySql(viewer),
      until,
      meaning: MEANING,
      limit: MAX_ITEMS,
    });
    return {
      until,
      more,
      items: items.map(({ deadlineKey, ...item }) => ({
        ...item,
        stateLabel: stateName(item.state),
        deadline: deadlineKey ? { key: deadlineKey, label: deadlineName(deadlineKey) } : null,
        overdue: item.at.getTime() < now.getTime(),
      })),
    };
  }
}
