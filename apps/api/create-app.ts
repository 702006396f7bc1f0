// Builds the HTTP application; main.ts and the tests both start it from here.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Clock } from '../../libs/common/index.js';
import type { AppConfig } from '../../libs/config/index.js';
import { JsonLogger, requestLog } from '../../libs/observability/index.js';
import { AppModule } from './app.module.js';
import { mountBullBoard } from './http/bull-board.js';
import { securityHeaders } from './http/security-headers.js';

export async function createApp(
  config: AppConfig,
  clock: Clock,
  options: { logger?: false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, clock), {
    logger: options.logger ?? new JsonLogger(['warn', 'error']),
    bodyParser: true,
  });
  app.setGlobalPrefix('api');
  app.use(requestLog(options.logger !== false));
  app.use(securityHeaders(config.NODE_ENV === 'production'));
  // The browser's session cookie (browser-session.ts).
  app.use(cookieParser());
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
  mountBullBoard(app);
  serveWebUi(app);
  return app;
}

/** The built UI (`vite build` → dist/web) lives under the package root, whether this file runs from dist/ or not. */
function webUiDirectory(): string | null {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) return null;
    directory = parent;
  }
  const web = join(directory, 'dist', 'web');
  return existsSync(join(web, 'index.html')) ? web : null;
}

/** Serves the UI at / and answers every other non-API page with index.html, so client routes survive a reload. */
function serveWebUi(app: NestExpressApplication): void {
  const web = webUiDirectory();
  if (!web) return;
  app.useStaticAssets(web, { index: false, maxAge: '1h' });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || request.path === '/api' || request.path.startsWith('/api/'))
      return next();
    response.sendFile(join(web, 'index.html'));
  });
}
