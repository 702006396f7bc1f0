// The one place where error values become HTTP responses. No stack trace or SQL ever leaves the process.
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type ErrorCode } from '../../../libs/common/index.js';

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

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      response
        .status(STATUS[exception.code])
        .json({ code: exception.code, message: exception.message, ...exception.details });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        exception.cause instanceof SyntaxError
          ? 'The request body is not valid JSON.'
          : typeof body === 'object' && body && 'message' in body
            ? String((body as { message: unknown }).message)
            : exception.message;
      response.status(status).json({ code: HTTP_CODES[status] ?? 'http_error', message });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(500).json({ code: 'internal_error', message: 'Something went wrong on our side.' });
  }
}
