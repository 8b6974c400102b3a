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

/** A word for the client's gateway state, for `/healthz` and logs. */
export function connectionState(client: Client): string {
  return Status[client.ws.status]?.toLowerCase() ?? 'unknown';
}
