import { ChannelType, GatewayDispatchEvents, PermissionFlagsBits } from 'discord-api-types/v10';

import { DiscordError, errors } from '../api-errors.js';
import { readMessageBody } from '../message-validation.js';
import { buildMessage } from '../messages.js';
import { resolveMentions } from '../mentions.js';
import { toApiChannel } from '../payloads.js';
import { ok, param, route, type Route } from '../router.js';
import { requireBotChannelPermissions, requireChannel, type RouteContext } from './context.js';

/** How long Discord remembers an enforced nonce ("the past few minutes"). */
export const NONCE_WINDOW_MS = 5 * 60_000;

const TEXT_CHANNEL_TYPES = new Set<ChannelType>([
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildVoice,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);

/** Reading channels and posting and reading messages. */
export function channelRoutes(context: RouteContext): Route[] {
  const { state } = context;

  return [
    route('GET', '/channels/:channelId', (request) => {
      const { channel, guild } = requireChannel(context, param(request, 'channelId'));
      requireBotChannelPermissions(context, guild, channel, PermissionFlagsBits.ViewChannel);
      return ok(toApiChannel(channel));
    }),

    route('GET', '/channels/:channelId/messages/:messageId', (request) => {
      const { channel, guild } = requireChannel(context, param(request, 'channelId'));
      const needed = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory;
      requireBotChannelPermissions(context, guild, channel, needed);

      const message = state.findMessage(channel.id, param(request, 'messageId'));
      if (!message) throw errors.unknownMessage();
      return ok(message);
    }),

    route('POST', '/channels/:channelId/messages', (request) => {
      const { channel, guild } = requireChannel(context, param(request, 'channelId'));
      const fields = readMessageBody(request.body, 'create');
      if (!TEXT_CHANNEL_TYPES.has(channel.type)) {
        throw new DiscordError(400, 50008, 'Cannot send messages in a non-text channel');
      }

      let needed = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
      if (fields.embeds?.length) needed |= PermissionFlagsBits.EmbedLinks;
      requireBotChannelPermissions(context, guild, channel, needed);

      // Discord's enforce_nonce: a repeat within a few minutes returns the first message.
      const nonceKey = `${channel.id}:${String(fields.nonce)}`;
      if (fields.enforce_nonce && fields.nonce !== undefined) {
        const seen = state.nonces.get(nonceKey);
        const original = seen && state.findMessage(channel.id, seen.messageId);
        if (seen && original && Date.now() - seen.at < NONCE_WINDOW_MS) return ok(original);
      }

      const message = buildMessage(state, { channelId: channel.id, guildId: guild.id }, fields);
      Object.assign(message, resolveMentions(state, guild, channel, state.botUser.id, fields));
      const messages = state.messages.get(channel.id) ?? [];
      messages.push(message);
      state.messages.set(channel.id, messages);
      channel.lastMessageId = message.id;
      if (fields.enforce_nonce && fields.nonce !== undefined) {
        state.nonces.set(nonceKey, { messageId: message.id, at: Date.now() });
      }

      context.dispatch(GatewayDispatchEvents.MessageCreate, message);
      state.changed.notify();
      return ok(message);
    }),
  ];
}
