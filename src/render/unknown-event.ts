import type { UnknownTicketyEvent } from '../tickety/event.js';
import { familyOfName } from '../tickety/event-types.js';
import type { EmbedDraft } from './draft.js';
import { safeText } from './escape.js';
import { listEntries } from './extras.js';
import { EMBED_LIMITS } from './limits.js';
import { FAMILY_COLOURS, UNKNOWN_COLOUR } from './theme.js';

const INTRO = 'Tickety sent an event type this bot does not know yet. Its payload, as received:';

/**
 * An event type Tickety added after this bot was written: every payload entry is listed, so the
 * event is still readable until a purpose-made embed exists.
 */
export function renderUnknownEvent(event: UnknownTicketyEvent): EmbedDraft {
  const entries = Object.entries(event.payload);
  const listing =
    entries.length === 0
      ? 'The payload is empty.'
      : listEntries(entries, EMBED_LIMITS.description - INTRO.length - 2);
  return {
    title: `Unknown event type: ${safeText(event.type, 100)}`,
    description: `${INTRO}\n\n${listing}`,
    fields: [],
  };
}

/** The colour of an unknown type: its family's when the name says (`ticket.reopen`), else grey. */
export function unknownColour(type: string): number {
  const family = familyOfName(type);
  return family === undefined ? UNKNOWN_COLOUR : FAMILY_COLOURS[family];
}
