import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CaseRepository } from './case.repository.js';
import { openDatabase } from './data-source.js';

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openDatabase(config.DATABASE_URL),
    },
    {
      provide: CaseRepository,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new CaseRepository(dataSource),
    },
  ],
  exports: [DataSource, CaseRepository],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
