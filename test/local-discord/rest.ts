import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DiscordError, errors } from './api-errors.js';
import type { Fault, Faults } from './faults.js';
import { globalHeaders, routeLimitHeaders, type RateLimiter } from './rate-limits.js';
import { matchRoute, type RestReply, type Route } from './router.js';

const API_PREFIX = '/api/v10';

/** One REST call as the local Discord saw it. The token itself is never kept. */
export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`. */
  path: string;
  query: string;
  /** The answered status; 0 when the request hung or its connection was reset. */
  status: number;
  body: unknown;
  headers: Record<string, string>;
  authorized: boolean;
  at: number;
}

/** A decoded `X-Audit-Log-Reason` header. */
export interface AuditReason {
  method: string;
  path: string;
  reason: string;
}

/** The HTTP side of the local Discord: records, faults, auth, rate limits, then the routes. */
export class RestServer {
  readonly requests: RecordedRequest[] = [];
  /** `METHOD /path` of every request no route knew, to spot what the bot expects. */
  readonly unknownRoutes: string[] = [];
  readonly auditReasons: AuditReason[] = [];
  /** Errors thrown by the local Discord itself (answered 500); a test should expect none. */
  readonly internalErrors: Error[] = [];
  readonly #server: Server;

  constructor(
    private readonly routes: readonly Route[],
    private readonly token: string,
    private readonly faults: Faults,
    private readonly limiter: RateLimiter,
  ) {
    this.#server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.internalErrors.push(error instanceof Error ? error : new Error(String(error)));
        response.destroy();
      });
    });
  }

  /** Starts listening on a free port of 127.0.0.1 and returns the `http://…/api` base url. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api`;
  }

  /** Drops every connection (hanging requests included) and stops listening. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const path = url.pathname.startsWith(`${API_PREFIX}/`)
      ? url.pathname.slice(API_PREFIX.length)
      : url.pathname;
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .filter(([name]) => name !== 'authorization')
        .map(([name, value]) => [name, String(value)]),
    );
    const authorized = request.headers.authorization === `Bot ${this.token}`;
    const entry: RecordedRequest = {
      method,
      path,
      query: url.search,
      status: 0,
      body: raw ? (parseJson(raw) ?? raw) : undefined,
      headers,
      authorized,
      at: Date.now(),
    };
    this.requests.push(entry);

    const reason = request.headers['x-audit-log-reason'];
    if (typeof reason === 'string') {
      this.auditReasons.push({ method, path, reason: decodeURIComponent(reason) });
    }

    const fault = this.faults.take(method, path);
    if (fault && fault.kind !== 'lose-response') {
      this.applyFault(fault, request, response, entry);
      return;
    }

    const reply = this.answer(method, path, url, request, raw, authorized);
    entry.status = reply.status;
    if (fault) {
      request.socket.destroy();
      return;
    }
    response.writeHead(reply.status, {
      ...reply.headers,
      ...(reply.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    });
    response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private answer(
    method: string,
    path: string,
    url: URL,
    request: IncomingMessage,
    raw: string,
    authorized: boolean,
  ): RestReply & { headers: Record<string, string> } {
    const verdict = this.limiter.check(method, path);
    const headers = verdict.headers;
    if (verdict.limited) return { ...limitedReply(verdict.limited), headers };

    try {
      const match = url.pathname.startsWith(`${API_PREFIX}/`)
        ? matchRoute(this.routes, method, path)
        : undefined;
      if (!match || match === 'wrong-method') {
        this.unknownRoutes.push(`${method} ${url.pathname}`);
        throw match ? errors.methodNotAllowed() : errors.notFound();
      }
      if (match.route.auth && !authorized) throw errors.unauthorized();

      // TODO(limit): multipart bodies (attachments) are not parsed and answer 50109.
      const body = raw ? parseJson(raw) : undefined;
      if (raw && body === undefined) throw errors.invalidJson();
      const query = url.searchParams;
      const reply = match.route.handle({
        method,
        path,
        query,
        headers: request.headers,
        body,
        params: match.params,
      });
      return { ...reply, headers };
    } catch (error) {
      if (error instanceof DiscordError)
        return { status: error.status, body: error.toBody(), headers };
      this.internalErrors.push(error instanceof Error ? error : new Error(String(error)));
      return { status: 500, body: { code: 0, message: '500: Internal Server Error' }, headers };
    }
  }

  /** Answers, swallows or breaks a request as the armed fault says. */
  private applyFault(
    fault: Exclude<Fault, { kind: 'lose-response' }>,
    request: IncomingMessage,
    response: ServerResponse,
    entry: RecordedRequest,
  ): void {
    if (fault.kind === 'reset') {
      request.socket.destroy();
      return;
    }
    if (fault.kind === 'hang') return;

    const reply =
      fault.kind === 'status'
        ? { status: fault.status, body: { code: 0, message: `${fault.status}: Server Error` } }
        : limitedReply(fault);
    const headers =
      fault.kind === 'rate-limit'
        ? fault.global
          ? globalHeaders(fault.retryAfterMs)
          : routeLimitHeaders(fault.retryAfterMs)
        : {};
    entry.status = reply.status;
    response.writeHead(reply.status, { ...headers, 'Content-Type': 'application/json' });
    response.end(JSON.stringify(reply.body));
  }
}

function limitedReply(limit: { retryAfterMs: number; global: boolean }): RestReply {
  const body = {
    message: 'You are being rate limited.',
    retry_after: limit.retryAfterMs / 1000,
    global: limit.global,
  };
  return { status: 429, body: limit.global ? { ...body, code: 0 } : body };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
