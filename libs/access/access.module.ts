import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { signingKey } from '../config/signing-key.js';
import { DataSource } from 'typeorm';
import { AuditLog } from './audit-log.js';
import { AuthenticationService } from './authentication.service.js';
import { SecondFactor } from './second-factor.js';
import { SessionStore } from './sessions.js';
import { SingleSignOn } from './single-sign-on.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A key object, not a string: jsonwebtoken would otherwise rebuild the key on every request.
        secret: createSecretKey(signingKey(config)),
        // Each token expires with its session (AuthenticationService.openSession).
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    AuthenticationService,
    SessionStore,
    SecondFactor,
    SingleSignOn,
    {
      provide: AuditLog,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new AuditLog(dataSource),
    },
  ],
  exports: [AuthenticationService, SessionStore, SecondFactor, SingleSignOn, AuditLog],
})
export class AccessModule {}
