import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';

/** An HTTP server that is bound and accepting connections. */
export interface HttpListener {
  /** The bound port, which the system chose when 0 was asked for. */
  port: number;
  /** Stops accepting connections; resolves once the open ones have finished. */
  close(): Promise<void>;
}

/**
 * Serves `app` on `port` and `host`, resolving once bound. A failed bind rejects with Node's error
 * (`EADDRINUSE`, `ENOTFOUND`, ...), which would otherwise be an `error` event that crashes the
 * process with a stack trace.
 */
export async function listen(app: Hono, port: number, host: string): Promise<HttpListener> {
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host, port });
  server.listen(port, host);
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
