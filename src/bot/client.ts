import { Client, GatewayIntentBits, Status } from 'discord.js';

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
