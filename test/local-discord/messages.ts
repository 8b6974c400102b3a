import { MessageType, type APIMessage } from 'discord-api-types/v10';

import type { MessageFields } from './message-validation.js';
import { toApiUser } from './payloads.js';
import type { DiscordState } from './state.js';

/** Where a new message goes and what kind it is. */
export interface MessageOrigin {
  channelId: string;
  guildId: string;
  type?: MessageType;
  /** Set for interaction responses, which Discord sends through the app's webhook. */
  viaApplicationWebhook?: boolean;
}

/** A new message authored by the bot, with a fresh id and the server's timestamp. */
export function buildMessage(
  state: DiscordState,
  origin: MessageOrigin,
  fields: MessageFields,
): APIMessage {
  const message: APIMessage = {
    id: state.nextId(),
    channel_id: origin.channelId,
    author: toApiUser(state.botUser),
    content: fields.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: (fields.embeds ?? []).map((embed) => ({ type: 'rich', ...embed }) as typeof embed),
    pinned: false,
    type: origin.type ?? MessageType.Default,
    flags: fields.flags ?? 0,
    components: (fields.components ?? []) as APIMessage['components'],
    ...(fields.nonce === undefined ? {} : { nonce: fields.nonce }),
  };
  if (origin.viaApplicationWebhook) {
    message.webhook_id = state.applicationId;
    message.application_id = state.applicationId;
  }
  return Object.assign(message, { guild_id: origin.guildId });
}

/** Applies an edit body to a message the way Discord does: given fields replace old ones. */
export function applyEdit(message: APIMessage, fields: MessageFields): void {
  if (fields.content !== undefined) message.content = fields.content ?? '';
  if (fields.embeds !== undefined) {
    message.embeds = fields.embeds.map((embed) => ({ type: 'rich', ...embed }) as typeof embed);
  }
  if (fields.components !== undefined) {
    message.components = fields.components as APIMessage['components'];
  }
  message.edited_timestamp = new Date().toISOString();
}
