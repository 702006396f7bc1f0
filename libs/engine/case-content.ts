// What of a case's filed content (documents, diary) a viewer reads: the case's categories under the access
// rule, for those who see its content at all. One gate, so the case file's parts cannot disagree.
import { Inject, Injectable } from '@nestjs/common';
import { restoreCase, type DataCategory } from '../../workflows/case/index.js';
import { readableCategories, requireVisible, type CaseFacts, type Viewer } from '../access/index.js';
import { DomainError } from '../common/index.js';
import { CaseRepository } from '../persistence/case.repository.js';

@Injectable()
export class CaseContent {
  constructor(@Inject(CaseRepository) private readonly cases: CaseRepository) {}

  /** 404 if the viewer does not see the case, 403 (rule `what`) if only its status. */
  async readableBy(caseId: string, viewer: Viewer, what: string): Promise<Set<DataCategory>> {
    const record = await this.cases.find(caseId);
    if (!record) throw new DomainError('not_found', 'No such case.', { caseId });
    const facts: CaseFacts = { ...record, context: restoreCase(record.snapshot).context };
    if (requireVisible(viewer, facts) !== 'content') {
      throw new DomainError('forbidden', `You see only the status of this case, not its ${what}.`, {
        rule: what,
      });
    }
    return readableCategories(viewer, facts);
  }
}
