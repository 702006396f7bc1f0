import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { AccessModule } from '../../libs/access/index.js';
import type { Clock } from '../../libs/common/index.js';
import { APP_CONFIG, ConfigModule, type AppConfig } from '../../libs/config/index.js';
import { DiaryModule } from '../../libs/diary/index.js';
import { DirectoryModule } from '../../libs/directory/index.js';
import { DocumentsModule } from '../../libs/documents/index.js';
import { EngineModule } from '../../libs/engine/index.js';
import { ExportModule } from '../../libs/export/index.js';
import { ObservabilityModule } from '../../libs/observability/index.js';
import { PersistenceModule } from '../../libs/persistence/index.js';
import { PersonsModule } from '../../libs/persons/index.js';
import { ResourcesModule } from '../../libs/resources/index.js';
import { QueuesModule } from '../../libs/scheduling/index.js';
import { SupervisionModule } from '../../libs/supervision/index.js';
import { ActivitiesController } from './controllers/activities.controller.js';
import { AdminController } from './controllers/admin.controller.js';
import { AuditController } from './controllers/audit.controller.js';
import { AuthController } from './controllers/auth.controller.js';
import { CasesController } from './controllers/cases.controller.js';
import { DiaryController } from './controllers/diary.controller.js';
import { DirectoryController } from './controllers/directory.controller.js';
import { DocumentsController } from './controllers/documents.controller.js';
import { HealthController } from './controllers/health.controller.js';
import { MetricsController } from './controllers/metrics.controller.js';
import { NotificationsController } from './controllers/notifications.controller.js';
import { PersonsController } from './controllers/persons.controller.js';
import { ResourcesController } from './controllers/resources.controller.js';
import { SupervisionController } from './controllers/supervision.controller.js';
import { WorkflowController } from './controllers/workflow.controller.js';
import { AuthenticationGuard } from './http/authentication.guard.js';
import { SessionCookie } from './http/browser-session.js';
import { ErrorFilter } from './http/error.filter.js';
import { LanguageInterceptor } from './http/language.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        PersistenceModule,
        AccessModule,
        EngineModule,
        ExportModule,
        DirectoryModule,
        QueuesModule,
        SupervisionModule,
        ResourcesModule,
        PersonsModule,
        ObservabilityModule,
        DiaryModule,
        DocumentsModule,
        // Uploads stay in memory up to the limit: the type is read from the bytes before anything is stored.
        MulterModule.registerAsync({
          inject: [APP_CONFIG],
          useFactory: (settings: AppConfig) => ({
            limits: { fileSize: settings.DOCUMENT_MAX_BYTES, files: 1 },
          }),
        }),
      ],
      controllers: [
        AuthController,
        WorkflowController,
        CasesController,
        ActivitiesController,
        DirectoryController,
        SupervisionController,
        AuditController,
        HealthController,
        MetricsController,
        AdminController,
        ResourcesController,
        NotificationsController,
        DocumentsController,
        DiaryController,
        PersonsController,
      ],
      providers: [
        {
          provide: SessionCookie,
          inject: [APP_CONFIG],
          useFactory: (settings: AppConfig) => new SessionCookie(settings),
        },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: LanguageInterceptor },
      ],
    };
  }
}
