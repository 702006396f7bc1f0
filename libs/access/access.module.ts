import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DataSource } from 'typeorm';
import { AuditLog } from './audit-log.js';
import { AuthenticationService } from './authentication.service.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A key object, not a string: jsonwebtoken would otherwise rebuild the key on every request.
        secret: createSecretKey(Buffer.from(config.JWT_SECRET)),
        signOptions: { expiresIn: config.TOKEN_TTL_SECONDS, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    AuthenticationService,
    {
      provide: AuditLog,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new AuditLog(dataSource),
    },
  ],
  exports: [AuthenticationService, AuditLog],
})
export class AccessModule {}
