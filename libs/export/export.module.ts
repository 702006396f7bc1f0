import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { EngineModule } from '../engine/engine.module.js';
import { CaseExport } from './case-export.service.js';
import { PersonExport } from './person-export.service.js';

@Module({
  imports: [EngineModule, AccessModule],
  providers: [CaseExport, PersonExport],
  exports: [CaseExport, PersonExport],
})
export class ExportModule {}
