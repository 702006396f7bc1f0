import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, NO_SUCH, isUuid } from '../../../libs/common/index.js';

/** A malformed id names no person: 404, like an unknown one. */
@Injectable()
export class PersonIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw new DomainError('not_found', NO_SUCH.person, { personId: value });
    return value.toLowerCase();
  }
}
