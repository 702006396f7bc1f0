import { CaseHistoryEntity } from './case-history.entity.js';
import { CaseEntity } from './case.entity.js';
import { OrganisationEntity } from './organisation.entity.js';
import { OutboxEntity } from './outbox.entity.js';
import { PersonEntity } from './person.entity.js';
import { UserEntity } from './user.entity.js';

export { CaseEntity, CaseHistoryEntity, OrganisationEntity, OutboxEntity, PersonEntity, UserEntity };

export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  PersonEntity,
  CaseEntity,
  CaseHistoryEntity,
  OutboxEntity,
];
