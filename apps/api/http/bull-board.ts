// Bull Board (queue depth, delayed and failed jobs) for administrators, behind their Percorsi session: the
// browser's cookie once they have logged in to the web app (with their second factor), or a bearer token.
// The express adapter is mounted by hand: @bull-board/nestjs is CommonJS requiring the ESM-only Nest 12,
// which Jest's ESM mode cannot load.
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AuthenticationService, type VerifiedSession } from '../../../libs/access/index.js';
import { DEADLINES_QUEUE, MAIL_QUEUE } from '../../../libs/scheduling/index.js';
import type { Localised } from '../../../workflows/case/index.js';
import { SessionCookie } from './browser-session.js';
import { requestLanguage } from './language.js';

export const BULL_BOARD_PATH = '/api/admin/queues';

export function mountBullBoard(app: INestApplication): void {
  const serverAdapter = new ExpressAdapter().setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: [DEADLINES_QUEUE, MAIL_QUEUE].map(
      (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name))),
    ),
    serverAdapter,
  });
  const authentication = app.get(AuthenticationService);
  const cookie = app.get(SessionCookie);

  const administratorsOnly = async (request: Request, response: Response, next: NextFunction) => {
    const refuse = (status: number, code: string, message: Localised) =>
      response.status(status).json({ code, message: message[requestLanguage(request)] });
    const [scheme, bearer] = (request.headers.authorization ?? '').split(' ');
    const token = scheme === 'Bearer' && bearer ? bearer : cookie.read(request);
    let verified: VerifiedSession;
    try {
      verified = await authentication.verify(token ?? '');
    } catch {
      return refuse(401, 'unauthenticated', {
        it: 'Solo per gli amministratori: accedi prima a Percorsi, poi riapri questa pagina.',
        en: 'Administrators only: log in to Percorsi first, then open this page again.',
      });
    }
    if (verified.user.role !== 'amministratore' || verified.session.mustEnrol) {
      return refuse(403, 'forbidden', { it: 'Solo per gli amministratori.', en: 'Administrators only.' });
    }
    // Bull Board's own page cannot send the CSRF token: its changes (retry, clean) must at least come from
    // this origin, which a browser says in Origin; the SameSite=Strict cookie stays off other sites' requests.
    if (
      !['GET', 'HEAD'].includes(request.method) &&
      request.get('origin') !== `${request.protocol}://${request.get('host')}`
    ) {
      return refuse(403, 'forbidden', {
        it: 'Le modifiche vengono solo da questa pagina.',
        en: 'Changes come from this page only.',
      });
    }
    return next();
  };
  app.use(BULL_BOARD_PATH, administratorsOnly, serverAdapter.getRouter());
}
