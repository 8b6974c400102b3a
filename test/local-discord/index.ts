/**
 * A local Discord for tests and the demo: a REST server (API v10, JSON) and a gateway (JSON, no
 * compression) on 127.0.0.1 that the unmodified discord.js client logs into.
 *
 * @example
 * const discord = await startLocalDiscord();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.restUrl } });
 * await client.login(discord.token);
 * const reply = await (await discord.sendCommand({ name: 'tickety' })).final();
 * await discord.close();
 */
import { Faults } from './faults.js';
import { Gateway } from './gateway.js';
import { GuildAdmin } from './guild-admin.js';
import { InteractionFactory } from './interactions.js';
import { LocalDiscord } from './local-discord.js';
import { RateLimiter } from './rate-limits.js';
import { RestServer } from './rest.js';
import { applicationRoutes } from './routes/application.js';
import { channelRoutes } from './routes/channels.js';
import type { RouteContext } from './routes/context.js';
import { guildRoutes } from './routes/guilds.js';
import { interactionWebhookRoutes } from './routes/interaction-webhook.js';
import { interactionRoutes } from './routes/interactions.js';
import { buildDefaultGuild } from './seed.js';
import { DiscordState } from './state.js';

export { LocalDiscord } from './local-discord.js';
export type { Faults, RequestPattern } from './faults.js';
export type { DropOptions, GatewayStats } from './gateway.js';
export type { CommandOptionInput } from './interaction-payloads.js';
export type { InteractionReply, ModalInput, ReplyKind } from './interaction-records.js';
export type { InteractionHandle } from './interaction-handle.js';
export type { CommandInput, ComponentInput, ModalSubmitInput } from './interactions.js';
export type { ChannelInput, OverwriteInput, RoleInput } from './records.js';
export type { AuditReason, RecordedRequest } from './rest.js';
export type { CreatedGuild, GuildInput, SeededGuild } from './seed.js';

/** Options of {@link startLocalDiscord}. */
export interface LocalDiscordOptions {
  /** The bot token the client must present; a fresh Discord-shaped token by default. */
  token?: string;
  /** Start with Discord's rate limits on (see {@link LocalDiscord.rateLimits}). */
  rateLimits?: boolean;
  /** Sent in HELLO; Discord uses 41 250 ms. */
  heartbeatIntervalMs?: number;
  /** How long the bot has to acknowledge an interaction; Discord allows 3 000 ms. */
  interactionWindowMs?: number;
}

/** Starts a local Discord with one seeded guild; close it with {@link LocalDiscord.close}. */
export async function startLocalDiscord(options: LocalDiscordOptions = {}): Promise<LocalDiscord> {
  const state = new DiscordState(options.token);
  const gateway = new Gateway(state, options.heartbeatIntervalMs ?? 41_250);
  const dispatch = (event: string, data: unknown): void => gateway.dispatch(event, data);
  const admin = new GuildAdmin(state, dispatch);
  const guild = buildDefaultGuild(state);

  const context: RouteContext = {
    state,
    admin,
    dispatch,
    gatewayUrl: () => gateway.url,
    interactionWindowMs: options.interactionWindowMs ?? 3000,
  };
  const routeGroups = [
    applicationRoutes,
    channelRoutes,
    guildRoutes,
    interactionRoutes,
    interactionWebhookRoutes,
  ];
  const faults = new Faults();
  const limiter = new RateLimiter();
  limiter.enabled = options.rateLimits ?? false;
  const rest = new RestServer(
    routeGroups.flatMap((group) => group(context)),
    state.token,
    faults,
    limiter,
  );
  const [restUrl] = await Promise.all([rest.listen(), gateway.listen()]);

  const defaults = {
    guildId: guild.id,
    userId: guild.users.member,
    channelId: guild.channels.general,
  };
  const interactions = new InteractionFactory(state, dispatch, defaults);
  const parts = { state, admin, gateway, rest, limiter, interactions, faults, restUrl, guild };
  return new LocalDiscord(parts);
}
