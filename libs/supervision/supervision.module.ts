import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { followChartDefaults } from './lateness-recompute.js';
import { SupervisionService } from './supervision.service.js';

@Module({ providers: [SupervisionService], exports: [SupervisionService] })
export class SupervisionModule implements OnApplicationBootstrap {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** A chart whose default deadlines changed since the last start recomputes every open case's lateness. */
  async onApplicationBootstrap(): Promise<void> {
    await followChartDefaults(this.dataSource);
  }
}
