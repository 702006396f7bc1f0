import { Module } from '@nestjs/common';
import { AdministrationService } from './administration.service.js';
import { DirectoryService } from './directory.service.js';
import { ReferenceCheck } from './reference-check.js';

@Module({
  providers: [DirectoryService, AdministrationService, ReferenceCheck],
  exports: [DirectoryService, AdministrationService, ReferenceCheck],
})
export class DirectoryModule {}
