// Structured logs: one JSON object per line on stdout (errors on stderr), with the current request id.
// Log lines name cases by id only: personal data never goes to logs.
import type { LoggerService } from '@nestjs/common';
import { currentRequestId } from './request-context.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export function logJson(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  const requestId = currentRequestId();
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    msg,
    ...(requestId ? { requestId } : {}),
    ...fields,
  });
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

function textOf(message: unknown): string {
  return message instanceof Error
    ? message.message
    : typeof message === 'string'
      ? message
      : JSON.stringify(message);
}

/** Nest's own messages (start-up, errors) in the same JSON shape. */
export class JsonLogger implements LoggerService {
  constructor(private readonly levels: LogLevel[] = ['info', 'warn', 'error']) {}

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (!this.levels.includes(level)) return;
    const context = rest.length && typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = message instanceof Error ? message.stack : rest.length > 1 ? rest[0] : undefined;
    logJson(level, textOf(message), { ...(context ? { context } : {}), ...(stack ? { stack } : {}) });
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
}
