import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { EngineModule } from '../engine/engine.module.js';
import { CaseExport } from './case-export.service.js';

@Module({ imports: [EngineModule, AccessModule], providers: [CaseExport], exports: [CaseExport] })
export class ExportModule {}
