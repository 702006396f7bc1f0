// The language the API answers in, and the one step that words an answer in it. What the server says to
// people is a `Localised` value ({ it, en }, workflows/case/labels.ts) from wherever it is worded up to
// here: this interceptor (answers) and the error filter (refusals) put the request's language in its
// place, so no service asks which language it speaks. The request names its language in Accept-Language
// (the web UI sends the one the user chose); without one, or with one Percorsi does not speak, Italian.
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { LANGUAGES, type Language, type Localised } from '../../../workflows/case/index.js';

export function requestLanguage(request: Request): Language {
  return (request.acceptsLanguages(...LANGUAGES) || LANGUAGES[0]) as Language;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A value worded in every language, and nothing else (no domain object has exactly the keys it and en). */
function isLocalised(value: Record<string, unknown>): value is Localised {
  const keys = Object.keys(value);
  return (
    keys.length === LANGUAGES.length && LANGUAGES.every((language) => typeof value[language] === 'string')
  );
}

/**
 * `value` with every Localised text in it replaced by its `language` text. Copies only what holds one, on
 * every answer’s way out: on a page of 100 cases, a quarter of the time of rebuilding every object.
 */
export function inLanguage(value: unknown, language: Language): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const worded = inLanguage(item, language);
      if (worded !== item) (copy ??= [...value])[index] = worded;
    });
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  if (isLocalised(value)) return value[language];
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const worded = inLanguage(item, language);
    if (worded !== item) (copy ??= { ...value })[key] = worded;
  }
  return copy ?? value;
}

@Injectable()
export class LanguageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const language = requestLanguage(http.getRequest<Request>());
    // The same address answers in either language: a cache must keep them apart.
    http.getResponse<Response>().vary('Accept-Language');
    return next.handle().pipe(map((body) => inLanguage(body, language)));
  }
}
