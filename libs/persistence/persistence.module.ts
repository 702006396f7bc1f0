import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CaseRepository } from './case.repository.js';
import { openDatabase } from './data-source.js';
import { DeadlineRulesRepository } from './deadline-rules.repository.js';
import { PersonRepository } from './person.repository.js';
import { WorklistRepository } from './worklist.repository.js';

const repository = <T>(Repository: new (dataSource: DataSource) => T) => ({
  provide: Repository,
  inject: [DataSource],
  useFactory: (dataSource: DataSource) => new Repository(dataSource),
});

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openDatabase(config.DATABASE_URL, config.DATABASE_POOL_SIZE),
    },
    repository(CaseRepository),
    repository(DeadlineRulesRepository),
    repository(WorklistRepository),
    repository(PersonRepository),
  ],
  exports: [DataSource, CaseRepository, DeadlineRulesRepository, WorklistRepository, PersonRepository],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
