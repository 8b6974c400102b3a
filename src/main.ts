import { pathToFileURL } from 'node:url';
import type { Client } from 'discord.js';
import { buildTicketyCommand } from './bot/command-definition.js';
import { closeClient, connectionState, createDiscordRest, isConnected } from './bot/client.js';
import { connectToDiscord, type LoginBackoff } from './bot/login.js';
import { createBotClient } from './bot/interactions.js';
import type { Config } from './config.js';
import { databaseIsHealthy, instanceSalt, openDatabase, type Database } from './db/database.js';
import { DeliveryQueue } from './db/deliveries.js';
import { EventLog } from './db/events.js';
import { schedulePruning } from './db/retention.js';
import { RoutingStore } from './db/rules.js';
import { ServerStore } from './db/servers.js';
import { ServerStats } from './db/stats.js';
import type { RetryPolicy } from './delivery/backoff.js';
import { EventIntake } from './delivery/intake.js';
import { DeliveryWorker } from './delivery/worker.js';
import { createHttpApp } from './http/app.js';
import { listen, type HttpListener } from './http/listen.js';
import type { Logger } from './logger.js';
import { runAsProcess } from './process-lifecycle.js';
import { databasePathError, listenError } from './startup-errors.js';

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
  let db: Database;
  try {
    db = openDatabase(config.databasePath);
  } catch (error) {
    throw databasePathError(config.databasePath, error);
  }
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
  const stopPruning = schedulePruning(
    events,
    config.retentionDays,
    logger.child({ subsystem: 'db' }),
  );

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
  const newClient = (): Client => (client = createBotClient(discordOptions, context));
  // Until a login succeeds the client in hand may be one that failed, which calls itself idle.
  let loggedIn = false;

  const app = createHttpApp({
    servers,
    intake,
    logger: logger.child({ subsystem: 'http' }),
    eventsPerMinute: config.eventsPerMinute,
    health: () => ({
      discord: loggedIn && client ? connectionState(client) : 'connecting',
      discordReady: client !== undefined && isConnected(client),
      database: databaseIsHealthy(db),
    }),
  });
  let http: HttpListener;
  try {
    http = await listen(app, config.port, config.host);
  } catch (error) {
    stopPruning();
    db.close();
    throw listenError(error, config);
  }
  const { port } = http;
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
    loggedIn = true;
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
      stopPruning();
      stopping.abort();
      await http.close();
      await worker.stop();
      const connected = await connecting.catch(() => undefined);
      if (connected) await closeClient(connected);
      db.close();
      logger.info('stopped');
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runAsProcess(startBridge);
}
