import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { DirectoryModule } from '../directory/directory.module.js';
import { EngineModule } from '../engine/engine.module.js';
import { CaseExport } from './case-export.service.js';
import { DocumentNames } from './document-names.js';
import { PersonExport } from './person-export.service.js';

@Module({
  imports: [EngineModule, AccessModule, DirectoryModule],
  providers: [CaseExport, PersonExport, DocumentNames],
  exports: [CaseExport, PersonExport],
})
export class ExportModule {}
