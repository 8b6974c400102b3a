import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIMessage,
} from 'discord-api-types/v10';

import { FormErrors, errors } from './api-errors.js';
import type { InteractionRecord, ReplyKind } from './interaction-records.js';
import { readMessageBody } from './message-validation.js';
import { buildMessage } from './messages.js';
import { jsonObject, param, type RestRequest } from './router.js';
import type { DiscordState } from './state.js';

/** The interaction a webhook url points at; Discord only opens it once the bot acknowledged. */
export function interactionByWebhook(state: DiscordState, request: RestRequest): InteractionRecord {
  const interaction = state.interactionByToken(param(request, 'token'));
  const ownApp = param(request, 'applicationId') === state.applicationId;
  if (!interaction || !ownApp || interaction.callbackType === null) throw errors.unknownWebhook();
  return interaction;
}

/** Records a response message as the user now sees it, and wakes waiting tests. */
export function recordReply(
  state: DiscordState,
  interaction: InteractionRecord,
  kind: ReplyKind,
  message: APIMessage,
): void {
  const flags = message.flags ?? 0;
  interaction.replies.push({
    kind,
    type: interaction.callbackType ?? InteractionResponseType.ChannelMessageWithSource,
    content: message.content,
    embeds: structuredClone(message.embeds),
    components: structuredClone(message.components ?? []),
    flags,
    ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
    messageId: message.id,
    at: Date.now(),
  });
  state.changed.notify();
}

/**
 * A validated response message. A deferral passes `MessageFlags.Loading` and may be empty;
 * only EPHEMERAL and SUPPRESS_EMBEDS can be chosen by the bot.
 */
export function newResponseMessage(
  state: DiscordState,
  interaction: InteractionRecord,
  body: unknown,
  extraFlags = 0,
): APIMessage {
  const fields = readMessageBody(body, extraFlags & MessageFlags.Loading ? 'edit' : 'create');
  const allowed = MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds;
  const flags = ((fields.flags ?? 0) & allowed) | extraFlags;
  const type =
    interaction.type === InteractionType.ApplicationCommand
      ? MessageType.ChatInputCommand
      : MessageType.Default;
  const origin = { channelId: interaction.channelId, guildId: interaction.guildId, type };
  return buildMessage(state, { ...origin, viaApplicationWebhook: true }, { ...fields, flags });
}

/** Validates a modal callback's data (custom_id, title, 1 to 5 components). */
export function readModal(data: unknown): {
  customId: string;
  title: string;
  components: unknown[];
} {
  const raw = jsonObject(data);
  const problems = new FormErrors();
  const customId = typeof raw.custom_id === 'string' ? raw.custom_id : '';
  const title = typeof raw.title === 'string' ? raw.title : '';
  const components = Array.isArray(raw.components) ? (raw.components as unknown[]) : [];

  if (!customId) problems.required(['data', 'custom_id']);
  if (customId.length > 100) problems.tooLong(['data', 'custom_id'], 100);
  if (!title) problems.required(['data', 'title']);
  if (title.length > 45) problems.tooLong(['data', 'title'], 45);
  if (components.length < 1 || components.length > 5) {
    const message = 'Must be between 1 and 5 in length.';
    problems.add(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', message);
  }
  problems.throwIfAny();
  return { customId, title, components: structuredClone(components) };
}

/** Throws 400 Invalid Form Body for a callback type this interaction cannot take. */
export function rejectResponseType(): never {
  const problems = new FormErrors();
  const message = 'Interaction response type is not valid for this interaction';
  problems.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', message);
  problems.throwIfAny();
  throw new Error('unreachable');
}
