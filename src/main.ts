import { once } from 'node:events';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { Events } from 'discord.js';
import { buildTicketyCommand } from './bot/command-definition.js';
import { connectionState, createDiscordClient, isConnected } from './bot/client.js';
import { handleInteraction } from './bot/interactions.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { databaseIsHealthy, instanceSalt, openDatabase, type Database } from './db/database.js';
import { DeliveryQueue } from './db/deliveries.js';
import { EventLog } from './db/events.js';
import { RoutingStore } from './db/rules.js';
import { ServerStore } from './db/servers.js';
import { ServerStats } from './db/stats.js';
import type { RetryPolicy } from './delivery/backoff.js';
import { EventIntake } from './delivery/intake.js';
import { DeliveryWorker } from './delivery/worker.js';
import { createHttpApp } from './http/app.js';
import { createLogger, type Logger } from './logger.js';

/** Knobs that tests turn; an operator never needs them. */
export interface BridgeTuning {
  retry?: RetryPolicy;
  restTimeoutMs?: number;
}

/** A running bridge. */
export interface Bridge {
  /** The port the HTTP endpoint listens on (useful when PORT=0). */
  port: number;
  /** Resolves once the Discord client is ready and commands are registered. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root: the one place that knows every part. It opens the database, starts the
 * HTTP endpoint at once (events are stored even while Discord is still connecting), then logs in
 * to Discord, registers `/tickety` and starts delivering.
 */
export async function startBridge(
  config: Config,
  logger: Logger,
  tuning: BridgeTuning = {},
): Promise<Bridge> {
  const db = openConfiguredDatabase(config.databasePath);
  const servers = new ServerStore(db);
  const routing = new RoutingStore(db);
  const queue = new DeliveryQueue(db);
  const stats = new ServerStats(db);

  const client = createDiscordClient({
    apiUrl: config.discordApiUrl,
    restTimeoutMs: tuning.restTimeoutMs,
  });
  const worker = new DeliveryWorker({
    queue,
    rest: client.rest,
    salt: instanceSalt(db),
    logger: logger.child({ subsystem: 'delivery' }),
    retry: tuning.retry,
  });
  const events = new EventLog(db);
  const intake = new EventIntake(events, routing, (lanes) => worker.wake(lanes));
  const pruning = schedulePruning(events, config.retentionDays, logger.child({ subsystem: 'db' }));

  const botLogger = logger.child({ subsystem: 'bot' });
  const context = {
    servers,
    routing,
    queue,
    stats,
    intake,
    wakeDelivery: () => worker.wake(),
    publicUrl: config.publicUrl,
    logger: botLogger,
  };
  client.on(
    Events.InteractionCreate,
    (interaction) => void handleInteraction(interaction, context),
  );
  client.on(Events.Error, (error) => botLogger.error({ err: error }, 'discord client error'));

  const app = createHttpApp({
    servers,
    intake,
    logger: logger.child({ subsystem: 'http' }),
    eventsPerMinute: config.eventsPerMinute,
    health: () => ({
      discord: connectionState(client),
      discordReady: isConnected(client),
      database: databaseIsHealthy(db),
    }),
  });
  const server = createAdaptorServer({
    fetch: app.fetch,
    hostname: config.host,
    port: config.port,
  });
  server.listen(config.port, config.host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, host: config.host, publicUrl: config.publicUrl }, 'http endpoint listening');

  const ready = (async () => {
    const connected = once(client, Events.ClientReady);
    await client.login(config.discordToken);
    await connected;
    await client.application!.commands.set([buildTicketyCommand()]);
    botLogger.info(
      { user: client.user!.tag, guilds: client.guilds.cache.size },
      'connected to discord',
    );
    worker.start();
  })();

  return {
    port,
    ready,
    async stop() {
      clearInterval(pruning);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await client.destroy();
      db.close();
      logger.info('stopped');
    },
  };
}

/** Opens the database, or explains in one line that `DATABASE_PATH` is the thing to fix. */
function openConfiguredDatabase(path: string): Database {
  try {
    return openDatabase(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`DATABASE_PATH "${path}" cannot be used as the database: ${reason}`);
  }
}

/** Admins paste PUBLIC_URL into Tickety, and the token travels with every event sent to it. */
function warnAboutPublicUrl(publicUrl: string, logger: Logger): void {
  if (publicUrl.startsWith('https://')) return;
  logger.warn(
    { publicUrl },
    'PUBLIC_URL is not an https address: /tickety setup shows it to admins, so set it to the ' +
      'address of your HTTPS reverse proxy',
  );
}

/**
 * Prunes delivered events older than the retention period, now and then every hour, so the file
 * does not grow without bound. Events with a failed delivery stay until replayed or removed.
 */
function schedulePruning(events: EventLog, retentionDays: number, logger: Logger): NodeJS.Timeout {
  const prune = () => {
    const removed = events.prune(Date.now() - retentionDays * 86_400_000);
    if (removed > 0) logger.info({ removed, retentionDays }, 'pruned delivered events');
  };
  prune();
  return setInterval(prune, 3_600_000).unref();
}

async function main(): Promise<void> {
  // Variables already set in the environment win over the file, as operators expect.
  if (existsSync('.env')) process.loadEnvFile('.env');

  let config: Config;
  let bridge: Bridge;
  let logger: Logger;
  try {
    config = loadConfig();
    logger = createLogger(config.logLevel);
    warnAboutPublicUrl(config.publicUrl, logger);
    bridge = await startBridge(config, logger);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }

  bridge.ready.catch((error: unknown) => {
    logger.fatal(
      { err: error, discordApiUrl: config.discordApiUrl },
      'could not connect to discord: check DISCORD_TOKEN, and DISCORD_API_URL if you changed it',
    );
    process.exit(1);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 10_000).unref();
    bridge.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
