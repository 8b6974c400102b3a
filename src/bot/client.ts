import { Client, Events, GatewayCloseCodes, GatewayIntentBits, REST, Status } from 'discord.js';
import type { Logger } from '../logger.js';

/** Options that matter for where and how the client talks to Discord. */
export interface DiscordClientOptions {
  apiUrl: string;
  /** How long one REST request may take before it counts as failed (and is retried). */
  restTimeoutMs?: number;
}

/**
 * The discord.js client. It needs only the Guilds intent: channels, roles and the bot's own member
 * arrive with each guild, and nothing privileged (members, message content) is asked for. Allowed
 * mentions default to nothing, so only a message that names a role explicitly can ping.
 */
export function createDiscordClient({
  apiUrl,
  restTimeoutMs = 15_000,
}: DiscordClientOptions): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { api: apiUrl, timeout: restTimeoutMs },
  });
}

/**
 * A REST client of its own for the delivery worker. The worker outlives any one discord.js client
 * (a failed login is retried with a new one), and a destroyed client clears its REST's token.
 */
export function createDiscordRest(
  token: string,
  { apiUrl, restTimeoutMs = 15_000 }: DiscordClientOptions,
): REST {
  return new REST({ api: apiUrl, timeout: restTimeoutMs }).setToken(token);
}

/** Clients the bridge is closing itself: their gateway going away is no loss to report. */
const closing = new WeakSet<Client>();

/** Destroys a client without its closing being logged as a lost gateway connection. */
export async function closeClient(client: Client): Promise<void> {
  closing.add(client);
  await client.destroy();
}

/**
 * Logs the gateway going away and coming back: without it `/healthz` turns 503 while the logs say
 * nothing. discord.js reconnects by itself unless Discord closed with a code that forbids it.
 * Nothing is logged once {@link closeClient} has begun: a stop is not an outage.
 */
export function logGatewayChanges(client: Client, logger: Logger): void {
  const lost = new Set<number>();
  const back = (shard: number, how: string) => {
    if (lost.delete(shard)) logger.info({ shard, how }, 'discord gateway connection is back');
  };

  client.on(Events.ShardReconnecting, (shard) => {
    // A session that cannot resume closes once more on its way back: one loss, one line.
    if (closing.has(client) || lost.has(shard)) return;
    lost.add(shard);
    logger.warn({ shard }, 'discord gateway connection lost: reconnecting');
  });
  client.on(Events.ShardResume, (shard) => back(shard, 'resumed'));
  client.on(Events.ShardReady, (shard) => back(shard, 'new session'));
  client.on(Events.ShardDisconnect, ({ code }, shard) => {
    if (closing.has(client)) return;
    lost.add(shard);
    logger.warn(
      { shard, code, reason: GatewayCloseCodes[code] },
      'discord closed the gateway and the bot will not reconnect: fix what the reason names ' +
        '(AuthenticationFailed: DISCORD_TOKEN) and restart the bridge',
    );
  });
  client.on(Events.ShardError, (error, shard) => {
    if (!closing.has(client))
      logger.warn({ shard, err: error }, 'discord gateway connection error');
  });
}

/**
 * The gateway state in a word. The manager's own status stays "ready" after the first connection
 * even while a shard is reconnecting, so the shards are asked instead.
 */
export function connectionState(client: Client): string {
  const shard =
    client.ws.shards.find((candidate) => candidate.status !== Status.Ready) ??
    client.ws.shards.first();
  return Status[shard?.status ?? client.ws.status]?.toLowerCase() ?? 'unknown';
}

/** True while every gateway connection is up, not merely once it has been. */
export function isConnected(client: Client): boolean {
  return (
    client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready)
  );
}
