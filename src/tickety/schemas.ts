import { z } from 'zod';

import type { EventType } from './event-types.js';
import { dateTime, maybe, priority, snowflake } from './values.js';

// Every object is loose: keys we do not know are kept and shown, never dropped, because Tickety
// may add fields and the docs' own field tables were not readable (see EVENTS.md §1).
//
// Optionality follows EVENTS.md: a field is required when an official example shows it, and
// optional when the notes mark it inferred (no docs page: ticket.create, ticket.rename,
// ticket.claim) or doubt its presence (close reason, transcript, closer on automatic closes,
// category ids on a transfer that keeps the category, reason on an application review).

/** The Discord channel that backs a ticket. */
export const channelSchema = z.looseObject({
  id: snowflake,
  name: z.string(),
});

/** The five fields every documented ticket event carries (EVENTS.md §3.1). */
const ticketBlock = {
  ticketId: z.string(),
  panelId: z.string(),
  channel: channelSchema,
  creatorId: snowflake,
  openDate: dateTime,
};

/** The same block for the three ticket events whose payload was never documented. */
const inferredTicketBlock = {
  ticketId: maybe(z.string()),
  panelId: maybe(z.string()),
  channel: maybe(channelSchema),
  creatorId: maybe(snowflake),
  openDate: maybe(dateTime),
};

/** The fields shared by the three application events. */
const applicationBlock = {
  applicationId: z.string(),
  panelId: z.string(),
  submitterId: snowflake,
  submitDate: dateTime,
};

/** What staff add when they decide on an application. */
const reviewBlock = {
  reviewerId: snowflake,
  reviewDate: dateTime,
  reason: maybe(z.string()),
};

/** The fields of both verification outcomes. */
const verificationBlock = {
  verificationId: z.string(),
  userId: snowflake,
  // "VERIFIED" or "FAILED" in the docs; kept as free text so a new status word is not a 400.
  status: z.string(),
};

/**
 * One payload schema per event type. `satisfies` makes the compiler insist on all 15 entries,
 * and the payload types below are read off these schemas, so the wire format is written once.
 */
export const PAYLOAD_SCHEMAS = {
  'ticket.create': z.looseObject(inferredTicketBlock),
  'ticket.close': z.looseObject({
    ...ticketBlock,
    closerId: maybe(snowflake),
    closeReason: maybe(z.string()),
    closeDate: dateTime,
    transcript: maybe(z.string()),
  }),
  'ticket.rename': z.looseObject({
    ...inferredTicketBlock,
    oldName: maybe(z.string()),
    newName: maybe(z.string()),
  }),
  'ticket.priority': z.looseObject({
    ...ticketBlock,
    oldPriority: priority,
    newPriority: priority,
  }),
  'ticket.move': z.looseObject({
    ...ticketBlock,
    oldCategoryId: snowflake,
    newCategoryId: snowflake,
  }),
  'ticket.transfer': z.looseObject({
    ...ticketBlock,
    oldCategoryId: maybe(snowflake),
    newCategoryId: maybe(snowflake),
    oldPanelId: z.string(),
    newPanelId: z.string(),
  }),
  'ticket.claim': z.looseObject({ ...inferredTicketBlock, claimedBy: maybe(snowflake) }),
  'ticket.unclaim': z.looseObject({ ...ticketBlock, unclaimedBy: snowflake }),
  'ticket.add': z.looseObject({ ...ticketBlock, addedUser: snowflake }),
  'ticket.remove': z.looseObject({ ...ticketBlock, removedUser: snowflake }),
  'application.submit': z.looseObject(applicationBlock),
  'application.accept': z.looseObject({ ...applicationBlock, ...reviewBlock }),
  'application.deny': z.looseObject({ ...applicationBlock, ...reviewBlock }),
  'verification.pass': z.looseObject(verificationBlock),
  'verification.fail': z.looseObject(verificationBlock),
} satisfies Record<EventType, z.ZodType>;

/** The validated, normalised payload of each event type, keyed by type. */
export type TicketyPayloads = { [T in EventType]: z.output<(typeof PAYLOAD_SCHEMAS)[T]> };

/** The validated payload of one event type. */
export type TicketyPayload<T extends EventType> = TicketyPayloads[T];

/** The channel object inside a ticket payload. */
export type TicketChannel = z.output<typeof channelSchema>;

const knownFields = new Map<EventType, ReadonlySet<string>>();

/**
 * The payload keys the schema of a type describes. Everything else in a payload is an extra the
 * renderer lists under "Other fields", so this is read from the schema rather than kept by hand.
 */
export function knownFieldsOf(type: EventType): ReadonlySet<string> {
  let fields = knownFields.get(type);
  if (!fields) {
    fields = new Set(Object.keys(PAYLOAD_SCHEMAS[type].shape));
    knownFields.set(type, fields);
  }
  return fields;
}

/** The keys of the ticket channel object the schema describes. */
export const CHANNEL_FIELDS: ReadonlySet<string> = new Set(Object.keys(channelSchema.shape));
