import type { IncomingHttpHeaders } from 'node:http';

import { DiscordError } from './api-errors.js';

/** A parsed REST request as a route handler sees it. */
export interface RestRequest {
  method: string;
  /** Path below `/api/v10`, e.g. `/channels/1/messages`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  params: Record<string, string>;
}

/** What a handler answers; no body means 204 No Content. */
export interface RestReply {
  status: number;
  body?: unknown;
}

/** One REST route. `auth: false` marks routes Discord serves without a bot token (webhooks). */
export interface Route {
  method: string;
  segments: string[];
  auth: boolean;
  handle: (request: RestRequest) => RestReply;
}

/** Declares a route; `pattern` segments starting with `:` are parameters. */
export function route(
  method: string,
  pattern: string,
  handle: (request: RestRequest) => RestReply,
  options: { auth?: boolean } = {},
): Route {
  return {
    method,
    segments: pattern.split('/').filter(Boolean),
    auth: options.auth ?? true,
    handle,
  };
}

/** Finds the route for a request, or tells whether only the method was wrong. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | 'wrong-method' | undefined {
  const parts = path.split('/').filter(Boolean);
  let pathMatched = false;

  for (const candidate of routes) {
    const params = matchSegments(candidate.segments, parts);
    if (!params) continue;
    if (candidate.method === method) return { route: candidate, params };
    pathMatched = true;
  }
  return pathMatched ? 'wrong-method' : undefined;
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;

  const params: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index] ?? '';
    if (segment === '*') continue;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(part);
    else if (segment !== part) return undefined;
  }
  return params;
}

/** Whether a path such as `/channels/1/messages` fits a pattern such as `/channels/:id/messages`. */
export function pathMatches(pattern: string, path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  return matchSegments(pattern.split('/').filter(Boolean), parts) !== undefined;
}

/** A path parameter the route pattern guarantees. */
export function param(request: RestRequest, name: string): string {
  const value = request.params[name];
  if (value === undefined) throw new Error(`local Discord: route has no :${name} parameter`);
  return value;
}

/** The JSON body as an object, or 400 Invalid Form Body when it is something else. */
export function jsonObject(body: unknown): Record<string, unknown> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    return body as Record<string, unknown>;
  }
  throw new DiscordError(400, 50035, 'Invalid Form Body', {
    _errors: [
      { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' },
    ],
  });
}

/** A 200 reply with a JSON body. */
export function ok(body: unknown): RestReply {
  return { status: 200, body };
}

/** A 204 reply. */
export const noContent: RestReply = { status: 204 };
