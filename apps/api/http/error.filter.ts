// The one place where error values become HTTP responses, the message in the request's language (the
// code and the details are for programs and stay as they are). No stack trace or SQL ever leaves the process.
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type ErrorCode } from '../../../libs/common/index.js';
import type { Localised } from '../../../workflows/case/index.js';
import { inLanguage, requestLanguage } from './language.js';
import { databaseUnavailable } from '../../../libs/persistence/index.js';

const STATUS: Record<ErrorCode, number> = {
  invalid_payload: 422,
  guard_failed: 422,
  illegal_event: 409,
  version_conflict: 409,
  in_use: 409,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  too_many_requests: 429,
  unreadable_case: 409,
};

/** What the framework refuses before our code runs, by status; its own English words go in `detail`. */
const HTTP_REFUSALS: Record<number, { code: string; message: Localised }> = {
  400: { code: 'bad_request', message: { it: 'Richiesta non valida.', en: 'Bad request.' } },
  404: { code: 'not_found', message: { it: 'Indirizzo inesistente.', en: 'No such address.' } },
  405: { code: 'method_not_allowed', message: { it: 'Metodo non ammesso.', en: 'Method not allowed.' } },
  413: { code: 'payload_too_large', message: { it: 'Richiesta troppo grande.', en: 'Request too large.' } },
  415: {
    code: 'unsupported_media_type',
    message: { it: 'Tipo di contenuto non ammesso.', en: 'Unsupported media type.' },
  },
};
const OTHER_REFUSAL: Localised = { it: 'Richiesta rifiutata.', en: 'Request refused.' };
const NOT_JSON: Localised = {
  it: 'Il corpo della richiesta non è JSON valido.',
  en: 'The request body is not valid JSON.',
};
const UNAVAILABLE: Localised = {
  it: 'Il database non è raggiungibile in questo momento. Una modifica inviata ora potrebbe essere stata registrata: ricaricate prima di ripeterla.',
  en: 'The database cannot be reached just now. A change sent meanwhile may have been applied: read it again before repeating it.',
};
const OUR_FAULT: Localised = {
  it: 'Qualcosa non ha funzionato da parte nostra.',
  en: 'Something went wrong on our side.',
};

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const language = requestLanguage(http.getRequest<Request>());
    response.vary('Accept-Language');
    if (exception instanceof DomainError) {
      response.status(STATUS[exception.code]).json({
        code: exception.code,
        message: exception.text[language],
        ...(inLanguage(exception.details, language) as object),
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (exception.cause instanceof SyntaxError) {
        response.status(status).json({ code: 'bad_request', message: NOT_JSON[language] });
        return;
      }
      const body = exception.getResponse();
      const detail =
        typeof body === 'object' && body && 'message' in body
          ? String((body as { message: unknown }).message)
          : exception.message;
      const refusal = HTTP_REFUSALS[status];
      response.status(status).json({
        code: refusal?.code ?? 'http_error',
        message: (refusal?.message ?? OTHER_REFUSAL)[language],
        detail,
      });
      return;
    }
    if (databaseUnavailable(exception)) {
      // Nothing is half-written (a transition commits in one statement), but a connection lost at the commit
      // leaves the client not knowing whether it was applied: it reads the case again, and a repeat with the
      // same expectedVersion is refused (409) if it was.
      this.logger.warn(`database unavailable: ${String(exception)}`);
      response
        .status(503)
        .setHeader('Retry-After', '2')
        .json({ code: 'unavailable', message: UNAVAILABLE[language] });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(500).json({ code: 'internal_error', message: OUR_FAULT[language] });
  }
}
