import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { DeadlineAdministration } from './administration-deadlines.js';
import { AdministrationService } from './administration.service.js';
import { ChartVersionAdministration } from './chart-versions.js';
import { DirectoryService } from './directory.service.js';
import { ReferenceCheck } from './reference-check.js';

@Module({
  imports: [AccessModule],
  providers: [
    DirectoryService,
    AdministrationService,
    DeadlineAdministration,
    ChartVersionAdministration,
    ReferenceCheck,
  ],
  exports: [
    DirectoryService,
    AdministrationService,
    DeadlineAdministration,
    ChartVersionAdministration,
    ReferenceCheck,
  ],
})
export class DirectoryModule {}
