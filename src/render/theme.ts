import type { EventFamily, EventType } from '../tickety/event-types.js';
import { familyOf } from '../tickety/event-types.js';

/**
 * One colour per family, so a channel that receives several kinds of events can be scanned by
 * colour: tickets in Discord blurple, applications in gold, verification in teal.
 */
export const FAMILY_COLOURS: Record<EventFamily, number> = {
  ticket: 0x5865f2,
  application: 0xf0b232,
  verification: 0x1abc9c,
};

/**
 * Outcomes override the family colour, because the outcome is what readers look for: Discord's
 * own green for an accepted application or a passed verification, its red for a denial or a
 * failure. Verification events are therefore always green or red; teal is left for verification
 * event types Tickety may add later.
 */
export const OUTCOME_COLOURS = { positive: 0x57f287, negative: 0xed4245 } as const;

/** Grey for event types that belong to no family we know. */
export const UNKNOWN_COLOUR = 0x99aab5;

const OUTCOMES: Partial<Record<EventType, number>> = {
  'application.accept': OUTCOME_COLOURS.positive,
  'application.deny': OUTCOME_COLOURS.negative,
  'verification.pass': OUTCOME_COLOURS.positive,
  'verification.fail': OUTCOME_COLOURS.negative,
};

/** The side colour of an event's embed. */
export function colourOf(type: EventType): number {
  return OUTCOMES[type] ?? FAMILY_COLOURS[familyOf(type)];
}

/** What happened, in words, as the embed title. */
export const TITLES: Record<EventType, string> = {
  'ticket.create': 'Ticket opened',
  'ticket.close': 'Ticket closed',
  'ticket.rename': 'Ticket renamed',
  'ticket.priority': 'Ticket priority changed',
  'ticket.move': 'Ticket moved',
  'ticket.transfer': 'Ticket transferred',
  'ticket.claim': 'Ticket claimed',
  'ticket.unclaim': 'Ticket unclaimed',
  'ticket.add': 'User added to ticket',
  'ticket.remove': 'User removed from ticket',
  'application.submit': 'Application submitted',
  'application.accept': 'Application accepted',
  'application.deny': 'Application denied',
  'verification.pass': 'Verification passed',
  'verification.fail': 'Verification failed',
};
