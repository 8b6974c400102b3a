import type { APIEmbedField } from 'discord.js';

import type { TicketyPayload, TicketyPayloads } from '../tickety/schemas.js';
import type { EmbedDraft } from './draft.js';
import {
  category,
  change,
  field,
  moment,
  name,
  NOT_SENT,
  openFor,
  person,
  PRIORITY_NAMES,
  reason,
  ticketChannel,
  transcript,
} from './format.js';
import { TITLES } from './theme.js';

/** The ticket block; every field may be missing on the three undocumented ticket events. */
type TicketBlock = Partial<
  Pick<
    TicketyPayload<'ticket.close'>,
    'ticketId' | 'panelId' | 'channel' | 'creatorId' | 'openDate'
  >
>;

/**
 * The facts every ticket event shares, around the event's own facts: which ticket first, then
 * what happened, then who opened it, the panel, Tickety's ticket id and the opening time.
 */
function ticketDraft(
  title: string,
  ticket: TicketBlock,
  specific: APIEmbedField[],
  options: { showPanel?: boolean; timestamp?: string | undefined } = {},
): EmbedDraft {
  const fields = [
    field('Ticket', ticketChannel(ticket.channel)),
    ...specific,
    field('Opened by', person(ticket.creatorId)),
    ...(options.showPanel === false ? [] : [field('Panel', name(ticket.panelId))]),
    field('Ticket ID', name(ticket.ticketId)),
    field('Opened', moment(ticket.openDate)),
  ];
  return { title, fields, timestamp: options.timestamp };
}

/** `ticket.create`: the opening time doubles as the event time. */
export function renderTicketCreate(payload: TicketyPayloads['ticket.create']): EmbedDraft {
  return ticketDraft(TITLES['ticket.create'], payload, [], { timestamp: payload.openDate });
}

/** `ticket.close`: who closed it, why, how long it was open, and the transcript if any. */
export function renderTicketClose(payload: TicketyPayloads['ticket.close']): EmbedDraft {
  const duration = openFor(payload.openDate, payload.closeDate);
  const link = payload.transcript?.trim() ? transcript(payload.transcript) : undefined;
  const specific = [
    field('Closed by', person(payload.closerId)),
    ...(duration === undefined ? [] : [field('Open for', duration)]),
    field('Reason', reason(payload.closeReason), false),
    field('Closed', moment(payload.closeDate)),
    ...(link === undefined ? [] : [field('Transcript', link)]),
  ];
  return ticketDraft(TITLES['ticket.close'], payload, specific, { timestamp: payload.closeDate });
}

/** `ticket.rename`: the old and new names (field names are inferred, see EVENTS.md §4.3). */
export function renderTicketRename(payload: TicketyPayloads['ticket.rename']): EmbedDraft {
  return ticketDraft(TITLES['ticket.rename'], payload, [
    field('Name', change(name(payload.oldName), name(payload.newName)), false),
  ]);
}

/** `ticket.priority`: the title says whether it went up or down; the field names both levels. */
export function renderTicketPriority(payload: TicketyPayloads['ticket.priority']): EmbedDraft {
  const { oldPriority, newPriority } = payload;
  const title =
    newPriority > oldPriority
      ? 'Ticket priority raised'
      : newPriority < oldPriority
        ? 'Ticket priority lowered'
        : TITLES['ticket.priority'];
  return ticketDraft(title, payload, [
    field('Priority', change(PRIORITY_NAMES[oldPriority], PRIORITY_NAMES[newPriority])),
  ]);
}

function categoryChange(before: string | undefined, after: string | undefined): string {
  if (before !== undefined && before === after) return `${category(after)} (unchanged)`;
  if (before === undefined && after === undefined) return NOT_SENT;
  return change(category(before), category(after));
}

/** `ticket.move`: the ticket channel went to another category. */
export function renderTicketMove(payload: TicketyPayloads['ticket.move']): EmbedDraft {
  return ticketDraft(TITLES['ticket.move'], payload, [
    field('Category', categoryChange(payload.oldCategoryId, payload.newCategoryId)),
  ]);
}

/** `ticket.transfer`: the panel change replaces the plain panel field. */
export function renderTicketTransfer(payload: TicketyPayloads['ticket.transfer']): EmbedDraft {
  return ticketDraft(
    TITLES['ticket.transfer'],
    payload,
    [
      field('Panel', change(name(payload.oldPanelId), name(payload.newPanelId))),
      field('Category', categoryChange(payload.oldCategoryId, payload.newCategoryId)),
    ],
    { showPanel: false },
  );
}

/** `ticket.claim`: the claimer's field name is a guess (`claimedBy`, EVENTS.md §4.7). */
export function renderTicketClaim(payload: TicketyPayloads['ticket.claim']): EmbedDraft {
  return ticketDraft(TITLES['ticket.claim'], payload, [
    field('Claimed by', person(payload.claimedBy)),
  ]);
}

/** `ticket.unclaim`: who released the claim. */
export function renderTicketUnclaim(payload: TicketyPayloads['ticket.unclaim']): EmbedDraft {
  return ticketDraft(TITLES['ticket.unclaim'], payload, [
    field('Unclaimed by', person(payload.unclaimedBy)),
  ]);
}

/** `ticket.add`: the user given access (Tickety does not say by whom). */
export function renderTicketAdd(payload: TicketyPayloads['ticket.add']): EmbedDraft {
  return ticketDraft(TITLES['ticket.add'], payload, [
    field('Added user', person(payload.addedUser)),
  ]);
}

/** `ticket.remove`: the user whose access was taken away. */
export function renderTicketRemove(payload: TicketyPayloads['ticket.remove']): EmbedDraft {
  return ticketDraft(TITLES['ticket.remove'], payload, [
    field('Removed user', person(payload.removedUser)),
  ]);
}
