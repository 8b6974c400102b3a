import { PermissionFlagsBits } from 'discord-api-types/v10';

import { errors } from '../api-errors.js';
import type { Dispatch, GuildAdmin } from '../guild-admin.js';
import { channelPermissions, hasPermissions } from '../permissions.js';
import type { ChannelRecord, DiscordState, GuildRecord } from '../state.js';

/** What every group of routes needs. */
export interface RouteContext {
  state: DiscordState;
  admin: GuildAdmin;
  dispatch: Dispatch;
  /** The gateway's ws:// url, for `GET /gateway/bot`. */
  gatewayUrl: () => string;
  /** How long the bot has to answer an interaction (Discord: 3 s). */
  interactionWindowMs: number;
}

/** A guild the bot is in, or 404 Unknown Guild. */
export function requireGuild(context: RouteContext, guildId: string): GuildRecord {
  const guild = context.state.guilds.get(guildId);
  if (!guild?.members.has(context.state.botUser.id)) throw errors.unknownGuild();
  return guild;
}

/** A channel in a guild the bot is in, or 404 Unknown Channel. */
export function requireChannel(
  context: RouteContext,
  channelId: string,
): { channel: ChannelRecord; guild: GuildRecord } {
  const channel = context.state.channels.get(channelId);
  const guild = channel && context.state.guilds.get(channel.guildId);
  if (!channel || !guild?.members.has(context.state.botUser.id)) throw errors.unknownChannel();
  return { channel, guild };
}

/**
 * Checks the bot's permissions in a channel like Discord: without View Channel the answer is
 * 403 50001 Missing Access, without any other required bit 403 50013 Missing Permissions.
 */
export function requireBotChannelPermissions(
  context: RouteContext,
  guild: GuildRecord,
  channel: ChannelRecord,
  required: bigint,
): void {
  const permissions = channelPermissions(guild, channel, context.state.botUser.id);
  if (!hasPermissions(permissions, PermissionFlagsBits.ViewChannel)) throw errors.missingAccess();
  if (!hasPermissions(permissions, required)) throw errors.missingPermissions();
}
