import { Module } from '@nestjs/common';
import { PersistenceModule } from '../persistence/persistence.module.js';
import { CaseEngine } from './case-engine.service.js';
import { CaseReader } from './case-reader.service.js';

@Module({
  imports: [PersistenceModule],
  providers: [CaseEngine, CaseReader],
  exports: [CaseEngine, CaseReader],
})
export class EngineModule {}
