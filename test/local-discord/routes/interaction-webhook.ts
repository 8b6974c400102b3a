import { MessageFlags, type APIMessage } from 'discord-api-types/v10';

import { errors } from '../api-errors.js';
import type { InteractionRecord } from '../interaction-records.js';
import { interactionByWebhook, newResponseMessage, recordReply } from '../interaction-responses.js';
import { readMessageBody } from '../message-validation.js';
import { applyEdit } from '../messages.js';
import { noContent, ok, param, route, type RestRequest, type Route } from '../router.js';
import type { RouteContext } from './context.js';

const isLoading = (message: APIMessage | null): boolean =>
  ((message?.flags ?? 0) & MessageFlags.Loading) !== 0;

/** The interaction webhook: `@original` and follow-up messages, valid once acknowledged. */
export function interactionWebhookRoutes(context: RouteContext): Route[] {
  const { state } = context;

  const find = (interaction: InteractionRecord, messageId: string): APIMessage => {
    const message =
      messageId === '@original'
        ? interaction.original
        : [interaction.original, ...interaction.followUps].find((m) => m?.id === messageId);
    if (!message) throw errors.unknownMessage();
    return message;
  };

  const edit = (request: RestRequest, messageId: string): APIMessage => {
    const interaction = interactionByWebhook(state, request);
    const message = find(interaction, messageId);
    const fields = readMessageBody(request.body, 'edit');
    const next = structuredClone(message);
    applyEdit(next, fields);
    // Editing a deferred response is what turns "is thinking..." into the answer.
    next.flags = (next.flags ?? 0) & ~MessageFlags.Loading;
    if (!next.content && !next.embeds.length && !next.components?.length) {
      throw errors.emptyMessage();
    }

    Object.assign(message, next);
    const isOriginal = message === interaction.original;
    recordReply(state, interaction, isOriginal ? 'edit-original' : 'edit-follow-up', message);
    return message;
  };

  const webhookRoute = (method: string, pattern: string, handle: Route['handle']): Route =>
    route(method, pattern, handle, { auth: false });
  const messagePath = '/webhooks/:applicationId/:token/messages/:messageId';

  return [
    webhookRoute('GET', messagePath, (request) =>
      ok(find(interactionByWebhook(state, request), param(request, 'messageId'))),
    ),
    webhookRoute('PATCH', messagePath, (request) => ok(edit(request, param(request, 'messageId')))),
    webhookRoute('DELETE', messagePath, (request) => {
      const interaction = interactionByWebhook(state, request);
      const message = find(interaction, param(request, 'messageId'));
      const isOriginal = message === interaction.original;
      if (isOriginal) interaction.original = null;
      interaction.followUps = interaction.followUps.filter((m) => m !== message);
      recordReply(state, interaction, isOriginal ? 'delete-original' : 'delete-follow-up', message);
      return noContent;
    }),

    webhookRoute('POST', '/webhooks/:applicationId/:token', (request) => {
      const interaction = interactionByWebhook(state, request);
      let message: APIMessage;
      if (isLoading(interaction.original)) {
        // The first follow-up after a deferral replaces the "is thinking..." message.
        message = edit(request, '@original');
      } else {
        message = newResponseMessage(state, interaction, request.body);
        interaction.followUps.push(message);
        recordReply(state, interaction, 'follow-up', message);
      }
      return request.query.get('wait') === 'true' ? ok(message) : noContent;
    }),
  ];
}
