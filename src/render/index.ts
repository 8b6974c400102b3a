/**
 * Rendering: Tickety events as Discord embeds that are safe to post (escaped user text, within
 * every limit). Other parts of the bot import from here.
 */
export { escapeUserText, safeText, type EscapeOptions } from './escape.js';
export { formatDuration, NO_REASON, PRIORITY_NAMES } from './format.js';
export { EMBED_LIMITS, fitEmbed, truncate, TRUNCATION_MARK } from './limits.js';
export { renderEvent, TEST_MARK, type RenderOptions } from './render-event.js';
export { colourOf, FAMILY_COLOURS, OUTCOME_COLOURS, TITLES, UNKNOWN_COLOUR } from './theme.js';
