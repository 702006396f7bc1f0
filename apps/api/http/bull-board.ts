// Bull Board (queue depth, delayed and failed jobs) for administrators, behind HTTP Basic
// authentication with their Percorsi credentials, since a browser opens it directly.
// The express adapter is mounted by hand: @bull-board/nestjs is CommonJS requiring the ESM-only Nest 12,
// which Jest's ESM mode cannot load.
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AuthenticationService } from '../../../libs/access/index.js';
import { DEADLINES_QUEUE, MAIL_QUEUE } from '../../../libs/scheduling/index.js';

export const BULL_BOARD_PATH = '/api/admin/queues';
const CREDENTIAL_CACHE_MS = 5 * 60 * 1000;

export function mountBullBoard(app: INestApplication): void {
  const serverAdapter = new ExpressAdapter().setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: [DEADLINES_QUEUE, MAIL_QUEUE].map(
      (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name))),
    ),
    serverAdapter,
  });
  const authentication = app.get(AuthenticationService);
  // Bull Board polls every few seconds: remember good credentials briefly instead of re-hashing each time.
  const verified = new Map<string, number>();

  const administratorsOnly = async (request: Request, response: Response, next: NextFunction) => {
    const header = request.headers.authorization ?? '';
    const refuse = () =>
      response.status(401).set('WWW-Authenticate', 'Basic realm="Percorsi queues"').json({
        code: 'unauthenticated',
        message: 'Administrators only: log in with your Percorsi e-mail and password.',
      });
    if (!header.startsWith('Basic ')) return refuse();
    if ((verified.get(header) ?? 0) > Date.now()) return next();
    const [email, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    try {
      const user = await authentication.authenticate({ email, password: rest.join(':') }, request.ip);
      if (user.role !== 'amministratore') {
        return response.status(403).json({ code: 'forbidden', message: 'Administrators only.' });
      }
      verified.set(header, Date.now() + CREDENTIAL_CACHE_MS);
      return next();
    } catch {
      return refuse();
    }
  };
  app.use(BULL_BOARD_PATH, administratorsOnly, serverAdapter.getRouter());
}
