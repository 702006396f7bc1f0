import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../../../libs/common/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id names no case: 404, like an unknown one. */
@Injectable()
export class CaseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new DomainError('not_found', 'No such case.', { caseId: value });
    return value.toLowerCase();
  }
}
