// Builds the HTTP application; main.ts and the tests both start it from here.
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Clock } from '../../libs/common/index.js';
import type { AppConfig } from '../../libs/config/index.js';
import { AppModule } from './app.module.js';

export async function createApp(
  config: AppConfig,
  clock: Clock,
  options: { logger?: false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, clock), {
    ...options,
    bodyParser: true,
  });
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Percorsi')
      .setDescription(
        'Integrated social–labour inclusion paths: referral → assessment → equipe → PaIS → monitoring → outcome',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}
