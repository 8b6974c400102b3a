import type { APIEmbed } from 'discord.js';

import type { KnownTicketyEvent, TicketyEvent } from '../tickety/event.js';
import { renderApplicationReview, renderApplicationSubmit } from './application.js';
import type { EmbedDraft } from './draft.js';
import { plainText } from './escape.js';
import { otherFieldsField } from './extras.js';
import { fitEmbed } from './limits.js';
import { colourOf } from './theme.js';
import {
  renderTicketAdd,
  renderTicketClaim,
  renderTicketClose,
  renderTicketCreate,
  renderTicketMove,
  renderTicketPriority,
  renderTicketRemove,
  renderTicketRename,
  renderTicketTransfer,
  renderTicketUnclaim,
} from './ticket.js';
import { renderUnknownEvent, unknownColour } from './unknown-event.js';
import { renderVerification } from './verification.js';

/** How to render an event. */
export interface RenderOptions {
  /** A made-up event from `/tickety test`: marked as such in the title and footer. */
  test?: boolean;
}

/** Title prefix and footer note of a test event, so nobody mistakes it for real activity. */
export const TEST_MARK = 'Test event';

function renderKnown(event: KnownTicketyEvent): EmbedDraft {
  switch (event.type) {
    case 'ticket.create':
      return renderTicketCreate(event.payload);
    case 'ticket.close':
      return renderTicketClose(event.payload);
    case 'ticket.rename':
      return renderTicketRename(event.payload);
    case 'ticket.priority':
      return renderTicketPriority(event.payload);
    case 'ticket.move':
      return renderTicketMove(event.payload);
    case 'ticket.transfer':
      return renderTicketTransfer(event.payload);
    case 'ticket.claim':
      return renderTicketClaim(event.payload);
    case 'ticket.unclaim':
      return renderTicketUnclaim(event.payload);
    case 'ticket.add':
      return renderTicketAdd(event.payload);
    case 'ticket.remove':
      return renderTicketRemove(event.payload);
    case 'application.submit':
      return renderApplicationSubmit(event.payload);
    case 'application.accept':
    case 'application.deny':
      return renderApplicationReview(event.type, event.payload);
    case 'verification.pass':
    case 'verification.fail':
      return renderVerification(event.type, event.payload);
  }
}

/**
 * Turns an event into the embed posted in Discord: a purpose-made one per known type, a generic
 * listing for types Tickety added later. Payload keys the schema does not know are listed under
 * "Other fields". The result always fits Discord's embed limits.
 */
export function renderEvent(event: TicketyEvent, options: RenderOptions = {}): APIEmbed {
  const draft = event.known ? renderKnown(event) : renderUnknownEvent(event);
  const extras = event.known ? otherFieldsField(event) : undefined;
  const fields = extras ? [...draft.fields, extras] : draft.fields;

  const testNote = options.test ? ` · ${TEST_MARK}, not sent by Tickety` : '';
  const embed: APIEmbed = {
    title: options.test ? `[${TEST_MARK}] ${draft.title}` : draft.title,
    color: event.known ? colourOf(event.type) : unknownColour(event.type),
    // Footers show no markdown, so the type is only defused, not escaped.
    footer: { text: `Tickety · ${plainText(event.type)}${testNote}` },
  };
  if (draft.description !== undefined) embed.description = draft.description;
  if (fields.length > 0) embed.fields = fields;
  if (draft.timestamp !== undefined) embed.timestamp = draft.timestamp;
  return fitEmbed(embed);
}
