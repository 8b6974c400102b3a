import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord-api-types/v10';

import { errors } from '../api-errors.js';
import { modalInputs, type InteractionRecord } from '../interaction-records.js';
import {
  newResponseMessage,
  readModal,
  recordReply,
  rejectResponseType,
} from '../interaction-responses.js';
import { readMessageBody } from '../message-validation.js';
import { applyEdit } from '../messages.js';
import { jsonObject, noContent, ok, param, route, type Route } from '../router.js';
import type { RouteContext } from './context.js';

const {
  ChannelMessageWithSource,
  DeferredChannelMessageWithSource,
  DeferredMessageUpdate,
  Modal,
  UpdateMessage,
} = InteractionResponseType;

/**
 * `POST /interactions/:id/:token/callback`: the first answer to an interaction, within
 * Discord's 3 second window and only once.
 */
export function interactionRoutes(context: RouteContext): Route[] {
  const { state } = context;

  const acknowledge = (interaction: InteractionRecord, type: unknown, data: unknown): void => {
    if (type === ChannelMessageWithSource || type === DeferredChannelMessageWithSource) {
      const loading = type === DeferredChannelMessageWithSource ? MessageFlags.Loading : 0;
      const message = newResponseMessage(state, interaction, data, loading);
      interaction.callbackType = type;
      interaction.original = message;
      recordReply(state, interaction, 'callback', message);
      return;
    }

    if (type === DeferredMessageUpdate || type === UpdateMessage) {
      // Only possible on the message a component was on; commands have none.
      const source = interaction.source ?? rejectResponseType();
      if (type === UpdateMessage) applyEdit(source, readMessageBody(data, 'edit'));
      interaction.callbackType = type;
      interaction.original = source;
      recordReply(state, interaction, 'callback', source);
      return;
    }

    // A modal cannot answer a modal, and PONG is only for HTTP interactions.
    if (type !== Modal || interaction.type === InteractionType.ModalSubmit) rejectResponseType();
    const modal = readModal(data);
    interaction.callbackType = Modal;
    interaction.replies.push({
      kind: 'callback',
      type: Modal,
      content: null,
      embeds: [],
      flags: 0,
      ephemeral: false,
      components: modal.components,
      messageId: null,
      customId: modal.customId,
      title: modal.title,
      inputs: modalInputs(modal.components),
      at: Date.now(),
    });
    state.changed.notify();
  };

  return [
    route(
      'POST',
      '/interactions/:id/:token/callback',
      (request) => {
        const interaction = state.interactions.get(param(request, 'id'));
        const token = param(request, 'token');
        if (!interaction || interaction.token !== token) throw errors.unknownInteraction();
        if (interaction.callbackType !== null) throw errors.alreadyAcknowledged();
        const late = Date.now() - interaction.createdAt > context.interactionWindowMs;
        if (late) throw errors.unknownInteraction();

        const body = jsonObject(request.body);
        acknowledge(interaction, body.type, body.data ?? {});

        if (request.query.get('with_response') !== 'true') return noContent;
        return ok(callbackResponse(interaction));
      },
      { auth: false },
    ),
  ];
}

/** The body Discord returns for `?with_response=true`. */
function callbackResponse(
  interaction: InteractionRecord,
): RESTPostAPIInteractionCallbackWithResponseResult {
  const type = interaction.callbackType ?? ChannelMessageWithSource;
  const original = interaction.original;
  const messageInfo = original && {
    response_message_id: original.id,
    response_message_loading: type === DeferredChannelMessageWithSource,
    response_message_ephemeral: ((original.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
  };

  return {
    interaction: { id: interaction.id, type: interaction.type, ...messageInfo },
    resource: {
      type,
      ...(original && (type === ChannelMessageWithSource || type === UpdateMessage)
        ? { message: original }
        : {}),
    },
  };
}
