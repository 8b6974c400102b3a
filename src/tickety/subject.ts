import type { TicketyEvent } from './event.js';

/**
 * The member a role action applies to: the applicant, the verified (or failed) member, the user
 * added to or removed from a ticket, and otherwise the ticket's creator. `undefined` for unknown
 * event types, whose fields we cannot vouch for, so no role is ever changed on a guess.
 */
export function subjectUserId(event: TicketyEvent): string | undefined {
  if (!event.known) return undefined;
  switch (event.type) {
    case 'application.submit':
    case 'application.accept':
    case 'application.deny':
      return event.payload.submitterId;
    case 'verification.pass':
    case 'verification.fail':
      return event.payload.userId;
    case 'ticket.add':
      return event.payload.addedUser;
    case 'ticket.remove':
      return event.payload.removedUser;
    default:
      return event.payload.creatorId;
  }
}

/**
 * The Tickety panel an event comes from, for rules limited to one panel. After a transfer this is
 * the new panel. Verification has no panels. For an unknown type a string `panelId` is used when
 * present, since every documented panel-bearing event names it that way.
 */
export function panelOf(event: TicketyEvent): string | undefined {
  if (!event.known) {
    const { panelId } = event.payload;
    return typeof panelId === 'string' ? panelId : undefined;
  }
  switch (event.type) {
    case 'verification.pass':
    case 'verification.fail':
      return undefined;
    case 'ticket.transfer':
      return event.payload.newPanelId;
    default:
      return event.payload.panelId;
  }
}
