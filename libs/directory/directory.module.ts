import { Module } from '@nestjs/common';
import { AdministrationService } from './administration.service.js';
import { DirectoryService } from './directory.service.js';

@Module({
  providers: [DirectoryService, AdministrationService],
  exports: [DirectoryService, AdministrationService],
})
export class DirectoryModule {}
