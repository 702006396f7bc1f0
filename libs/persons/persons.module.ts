import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { Persons } from './persons.service.js';

@Module({ imports: [AccessModule], providers: [Persons], exports: [Persons] })
export class PersonsModule {}
