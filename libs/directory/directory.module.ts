import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { DeadlineAdministration } from './administration-deadlines.js';
import { AdministrationService } from './administration.service.js';
import { DirectoryService } from './directory.service.js';
import { ReferenceCheck } from './reference-check.js';

@Module({
  imports: [AccessModule],
  providers: [DirectoryService, AdministrationService, DeadlineAdministration, ReferenceCheck],
  exports: [DirectoryService, AdministrationService, DeadlineAdministration, ReferenceCheck],
})
export class DirectoryModule {}
