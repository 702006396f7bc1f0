import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, NO_SUCH, isUuid } from '../../../libs/common/index.js';

/** A malformed id names no case: 404, like an unknown one. */
@Injectable()
export class CaseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw new DomainError('not_found', NO_SUCH.case, { caseId: value });
    return value.toLowerCase();
  }
}
