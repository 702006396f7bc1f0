import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessModule } from '../access/access.module.js';
import { DirectoryModule } from '../directory/directory.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { NotificationRepository } from '../notifications/notification.repository.js';
import { PersistenceModule } from '../persistence/persistence.module.js';
import { CaseEngine } from './case-engine.service.js';
import { CaseReader } from './case-reader.service.js';
import { SupervisionProjector } from '../supervision/supervision-projector.js';
import { Worklist } from './worklist.service.js';

@Module({
  imports: [PersistenceModule, AccessModule, DirectoryModule, DocumentsModule],
  providers: [
    CaseEngine,
    CaseReader,
    Worklist,
    SupervisionProjector,
    {
      provide: NotificationRepository,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new NotificationRepository(dataSource),
    },
  ],
  exports: [CaseEngine, CaseReader, Worklist, NotificationRepository],
})
export class EngineModule {}
