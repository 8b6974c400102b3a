import { once } from 'node:events';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createAdaptorServer, type ServerType } from '@hono/node-server';
import { Events, type Client } from 'discord.js';
import { buildTicketyCommand } from './bot/command-definition.js';
import {
  connectionState,
  connectToDiscord,
  createDiscordClient,
  createDiscordRest,
  isConnected,
  isTokenRefused,
  logGatewayChanges,
  type LoginBackoff,
} from './bot/client.js';
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
  loginBackoff?: LoginBackoff;
}

/** A running bridge. */
export interface Bridge {
  /** The port the HTTP endpoint listens on (useful when PORT=0). */
  port: number;
  /**
   * Resolves once the Discord client is ready and commands are registered, however many login
   * attempts an outage takes, or once the bridge is stopped; rejects when Discord refuses the
   * token or the commands.
   */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root: the one place that knows every part. It opens the database, starts the
 * HTTP endpoint at once (events are stored even while Discord is down or still connecting), then
 * logs in to Discord, registers `/tickety` and starts delivering.
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

  const discordOptions = { apiUrl: config.discordApiUrl, restTimeoutMs: tuning.restTimeoutMs };
  const worker = new DeliveryWorker({
    queue,
    rest: createDiscordRest(config.discordToken, discordOptions),
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
  let client: Client | undefined;
  const newClient = (): Client => {
    const fresh = createDiscordClient(discordOptions);
    fresh.on(
      Events.InteractionCreate,
      (interaction) => void handleInteraction(interaction, context),
    );
    fresh.on(Events.Error, (error) => botLogger.error({ err: error }, 'discord client error'));
    logGatewayChanges(fresh, botLogger);
    client = fresh;
    return fresh;
  };

  const app = createHttpApp({
    servers,
    intake,
    logger: logger.child({ subsystem: 'http' }),
    eventsPerMinute: config.eventsPerMinute,
    health: () => ({
      discord: client ? connectionState(client) : 'idle',
      discordReady: client !== undefined && isConnected(client),
      database: databaseIsHealthy(db),
    }),
  });
  const server = createAdaptorServer({
    fetch: app.fetch,
    hostname: config.host,
    port: config.port,
  });
  try {
    await listen(server, config);
  } catch (error) {
    clearInterval(pruning);
    db.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, host: config.host, publicUrl: config.publicUrl }, 'http endpoint listening');

  const stopping = new AbortController();
  const connecting = connectToDiscord({
    newClient,
    token: config.discordToken,
    logger: botLogger.child({ discordApiUrl: config.discordApiUrl }),
    signal: stopping.signal,
    backoff: tuning.loginBackoff,
  });
  const ready = connecting.then(async (connected) => {
    if (!connected) return;
    try {
      await connected.application.commands.set([buildTicketyCommand()]);
    } catch (error) {
      // A stop destroys the client under the request: no failure to report.
      if (!stopping.signal.aborted) throw error;
    }
    if (stopping.signal.aborted) return;
    botLogger.info(
      { user: connected.user.tag, guilds: connected.guilds.cache.size },
      'connected to discord',
    );
    worker.start();
  });

  return {
    port,
    ready,
    async stop() {
      clearInterval(pruning);
      stopping.abort();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      const connected = await connecting.catch(() => undefined);
      await connected?.destroy();
      db.close();
      logger.info('stopped');
    },
  };
}

/**
 * Starts listening, or explains in one line that `PORT` or `HOST` is the thing to fix. Node
 * reports both as an `error` event that would otherwise crash the process with a stack trace.
 */
async function listen(server: ServerType, { port, host }: Config): Promise<void> {
  server.listen(port, host);
  try {
    await once(server, 'listening');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = `PORT ${port} on HOST ${host}`;
    const problems: Record<string, string> = {
      EADDRINUSE: `${where} is already in use by another program`,
      EACCES: `${where} needs privileges this process does not have: use a port above 1023`,
      EADDRNOTAVAIL: `HOST ${host} is not an address of this machine`,
      ENOTFOUND: `HOST ${host} cannot be resolved to an address`,
      EAI_AGAIN: `HOST ${host} cannot be resolved to an address (the name server did not answer)`,
    };
    const problem = code === undefined ? undefined : problems[code];
    if (problem) throw new ConfigError(problem);
    throw error;
  }
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

/** Why the bridge gives up on Discord; an outage is retried, so what is left is the operator's. */
function describeReadyFailure(error: unknown): string {
  if (isTokenRefused(error)) {
    return (
      'discord refused DISCORD_TOKEN: copy the bot token again from the developer portal ' +
      '(Bot, Reset Token), and check DISCORD_API_URL if you changed it'
    );
  }
  return 'could not register /tickety with discord';
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
    bridge = await startBridge(config, logger);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
  // Only now: a configuration error must stay the one line that start-up prints.
  warnAboutPublicUrl(config.publicUrl, logger);

  bridge.ready.catch((error: unknown) => {
    logger.fatal({ err: error, discordApiUrl: config.discordApiUrl }, describeReadyFailure(error));
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
