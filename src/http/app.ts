import { setTimeout } from 'node:timers/promises';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ServerStore } from '../db/servers.js';
import type { EventIntake } from '../delivery/intake.js';
import type { Logger } from '../logger.js';
import { parseTicketyEvent } from '../tickety/parse.js';
import { tokenFromAuthorization } from './authorization.js';
import { FailureThrottle, ServerRateLimiter } from './rate-limit.js';

/** Tickety events are a few hundred bytes; 64 KiB leaves room for growth and stops abuse early. */
export const MAX_BODY_BYTES = 64 * 1024;

const SNOWFLAKE = /^\d{17,20}$/;

/** What `/healthz` reports. */
export interface HealthReport {
  discord: string;
  discordReady: boolean;
  database: boolean;
}

export interface HttpDependencies {
  servers: ServerStore;
  intake: EventIntake;
  health: () => HealthReport;
  logger: Logger;
  /** Per server: events accepted per minute before answering 429. */
  eventsPerMinute: number;
}

/** The HTTP side of the bridge: Tickety's webhook endpoint and a health check. */
export function createHttpApp({
  servers,
  intake,
  health,
  logger,
  eventsPerMinute,
}: HttpDependencies): Hono {
  // Not strict: an endpoint pasted into Tickety with a trailing slash still matches.
  const app = new Hono({ strict: false });
  const limiter = new ServerRateLimiter(eventsPerMinute);
  const throttle = new FailureThrottle();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });

  app.get('/healthz', (c) => {
    const report = health();
    const healthy = report.discordReady && report.database;
    return c.json(
      { ok: healthy, discord: report.discord, database: report.database ? 'ok' : 'unavailable' },
      healthy ? 200 : 503,
    );
  });

  const tooLarge = (c: Context): Response =>
    c.json({ ok: false, error: `body is larger than ${MAX_BODY_BYTES} bytes` }, 413);
  const streamingLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });

  app.post(
    '/tickety/:guildId',
    (c, next) => {
      // Node's HTTP parser never reads past a declared Content-Length, so the header alone
      // settles most requests. Only a chunked body goes through Hono's limit, which counts bytes
      // as they stream in; it is left out otherwise because it turns every request into a full
      // web Request with a stream, the costliest step of an accepted event.
      const declared = c.req.header('content-length');
      if (declared === undefined || c.req.header('transfer-encoding') !== undefined) {
        return streamingLimit(c, next);
      }
      return Number(declared) > MAX_BODY_BYTES ? tooLarge(c) : next();
    },
    async (c) => {
      const guildId = c.req.param('guildId');
      const token = tokenFromAuthorization(c.req.header('authorization'));
      const authorised =
        SNOWFLAKE.test(guildId) && token !== undefined && servers.verifyToken(guildId, token);
      if (!authorised) {
        const delay = throttle.recordFailure(getConnInfo(c).remote.address ?? 'unknown');
        if (delay > 0) await setTimeout(delay);
        return c.json({ ok: false, error: 'unauthorized' }, 401);
      }

      const decision = limiter.take(guildId);
      if (!decision.allowed) {
        c.header('Retry-After', String(decision.retryAfterSeconds));
        return c.json({ ok: false, error: 'too many events for this server; retry later' }, 429);
      }

      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return c.json({ ok: false, error: 'body is not valid JSON' }, 400);
      }

      const parsed = parseTicketyEvent(body);
      if (!parsed.success) return c.json({ ok: false, error: parsed.reason }, 400);

      const eventId = await intake.accept(guildId, parsed.event);
      return c.json({ ok: true, id: String(eventId) });
    },
  );

  app.notFound((c) => c.json({ ok: false, error: 'not found' }, 404));
  app.onError((error, c) => {
    logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json({ ok: false, error: 'internal error' }, 500);
  });

  return app;
}
