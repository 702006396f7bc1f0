import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, isUuid } from '../../../libs/common/index.js';

/** A malformed id names no person: 404, like an unknown one. */
@Injectable()
export class PersonIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw new DomainError('not_found', 'No such person.', { personId: value });
    return value.toLowerCase();
  }
}
