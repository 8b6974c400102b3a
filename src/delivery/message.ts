import {
  Routes,
  embedLength,
  roleMention,
  type APIEmbed,
  type REST,
  type RESTPostAPIChannelMessageResult,
} from 'discord.js';
import type { MessageDelivery } from '../db/deliveries.js';
import { renderEvent } from '../render/index.js';
import { restoreEvent } from '../tickety/restore.js';

/** Discord's caps for one message: 10 embeds, 6000 characters across all of them. */
const MAX_EMBEDS = 10;
const MAX_TOTAL_EMBED_LENGTH = 6000;

/** One message: one or more deliveries for the same channel, posted as one. */
export interface MessageBatch {
  key: number;
  deliveries: MessageDelivery[];
  embeds: APIEmbed[];
}

/**
 * Chooses the next message to post from a channel's due deliveries. A batch formed earlier is
 * sent again as it was; otherwise as many waiting deliveries as fit in one message are taken, in
 * order, which is what keeps a busy channel inside Discord's 5-messages-per-5-seconds limit.
 */
export function formBatch(due: readonly MessageDelivery[]): MessageBatch | undefined {
  const first = due[0];
  if (!first) return undefined;

  if (first.batchKey !== null) {
    const members = due.filter((delivery) => delivery.batchKey === first.batchKey);
    return { key: first.batchKey, deliveries: members, embeds: members.map(renderDelivery) };
  }

  const batch: MessageBatch = { key: first.id, deliveries: [], embeds: [] };
  let total = 0;
  for (const delivery of due) {
    if (delivery.batchKey !== null || batch.embeds.length === MAX_EMBEDS) break;
    const embed = renderDelivery(delivery);
    const length = embedLength(embed);
    if (batch.embeds.length > 0 && total + length > MAX_TOTAL_EMBED_LENGTH) break;

    total += length;
    batch.deliveries.push(delivery);
    batch.embeds.push(embed);
  }
  return batch;
}

/**
 * Posts a batch. The nonce is derived from the batch, and `enforce_nonce` makes Discord return the
 * first message instead of posting again when the same request is retried after a lost answer.
 */
export async function postBatch(rest: REST, batch: MessageBatch, salt: string): Promise<string> {
  const channelId = batch.deliveries[0]!.channelId;
  const roles = [
    ...new Set(batch.deliveries.map((d) => d.mentionRoleId).filter((id) => id !== null)),
  ];

  const message = (await rest.post(Routes.channelMessages(channelId), {
    body: {
      content: roles.length > 0 ? roles.map(roleMention).join(' ') : undefined,
      embeds: batch.embeds,
      allowed_mentions: { parse: [], roles },
      nonce: `${salt}.${batch.key}`,
      enforce_nonce: true,
    },
  })) as RESTPostAPIChannelMessageResult;
  return message.id;
}

/**
 * The embed for one delivery. Rendering is built never to throw, but should it ever, the channel
 * still learns that an event arrived (the event itself stays in the database) instead of the
 * delivery being stuck behind an error that retrying cannot fix.
 */
function renderDelivery(delivery: MessageDelivery): APIEmbed {
  try {
    const event = restoreEvent(delivery.eventType, delivery.eventPayload);
    return renderEvent(event, { test: delivery.isTest });
  } catch {
    return renderEvent(
      { known: false, type: delivery.eventType, payload: {} },
      { test: delivery.isTest },
    );
  }
}
