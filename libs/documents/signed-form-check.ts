// RECORD_CONSENT and SIGN may point at the signed paper filed among the case's documents
// (documentNamed in workflows/case/references.ts says which field and which kind). The engine asks here
// before it applies the event, so a case never records a form that is not its own.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { documentNamed, type CaseEventType, type DataCategory } from '../../workflows/case/index.js';
import { readableCategories, type CaseFacts, type Viewer } from '../access/index.js';
import { DomainError } from '../common/index.js';

@Injectable()
export class SignedFormCheck {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * The named document must be one of this case's, of the kind the event records, and — for a user, not
   * the system — one she reads: a withheld document's kind is never told, so it cannot be named either.
   * Otherwise 422 naming the field.
   */
  async require(
    facts: CaseFacts,
    event: { type: CaseEventType; data: unknown },
    reader: Viewer | null,
  ): Promise<void> {
    const named = documentNamed(event);
    if (!named) return;
    const [row]: { kind: string; category: DataCategory }[] = await this.dataSource.query(
      'SELECT kind, category FROM case_documents WHERE case_id = $1 AND id = $2',
      [facts.id, named.documentId],
    );
    const refuse = (reason: string) => DomainError.invalidPayload([{ field: named.field, reason }]);
    if (!row) throw refuse('names no document of this case');
    if (reader && !readableCategories(reader, facts).has(row.category)) {
      throw refuse(`names a document of category ${row.category}, which you do not read`);
    }
    if (row.kind !== named.kind) throw refuse(`names a document of kind ${row.kind}, not ${named.kind}`);
  }
}
