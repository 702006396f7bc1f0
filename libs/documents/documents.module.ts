import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessModule } from '../access/access.module.js';
import { PersistenceModule } from '../persistence/persistence.module.js';
import { CaseDocuments } from './case-documents.service.js';
import { DatabaseDocumentStore, DOCUMENT_STORE } from './document-store.js';
import { SignedFormCheck } from './signed-form-check.js';

@Module({
  imports: [PersistenceModule, AccessModule],
  providers: [
    CaseDocuments,
    SignedFormCheck,
    {
      provide: DOCUMENT_STORE,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new DatabaseDocumentStore(ds),
    },
  ],
  exports: [CaseDocuments, SignedFormCheck],
})
export class DocumentsModule {}
