import { Module } from '@nestjs/common';
import { DeadlineAdministration } from './administration-deadlines.js';
import { AdministrationService } from './administration.service.js';
import { DirectoryService } from './directory.service.js';
import { ReferenceCheck } from './reference-check.js';

@Module({
  providers: [DirectoryService, AdministrationService, DeadlineAdministration, ReferenceCheck],
  exports: [DirectoryService, AdministrationService, DeadlineAdministration, ReferenceCheck],
})
export class DirectoryModule {}
