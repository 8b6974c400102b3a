import { escapeMarkdown } from 'discord.js';

import { truncate } from './limits.js';

/**
 * Making text from Tickety payloads (ticket and channel names, close reasons, panel ids, unknown
 * fields) safe to put in an embed.
 *
 * Why: that text is typed by server members. Mentions inside embeds never ping, but they still
 * render as a mention of any id, and markdown would let someone restyle the bot's post, fake a
 * link or break out of the layout. The promise is that user text shows up as the literal
 * characters typed, and nothing else.
 *
 * How, in order:
 * 1. Bidirectional-override and other control characters are removed (they can make text read
 *    differently from what it is), and half surrogate pairs become U+FFFD (JSON may carry them,
 *    and they are not valid text for Discord); newlines are kept only where the caller allows
 *    several lines.
 * 2. `@everyone` and `@here` get a zero-width space after the `@`.
 * 3. Every `<` gets a zero-width space after it, which defuses `<@id>`, `<@&id>`, `<#id>`,
 *    `</cmd:id>`, `<t:…>` timestamps and custom emoji in one rule.
 * 4. Every `://` gets a zero-width space inside it, so nothing autolinks and a masked link
 *    `[x](https://…)` has no URL left to point at.
 * 5. discord.js `escapeMarkdown` escapes backslashes (so a typed `\` cannot undo an escape),
 *    headings, bulleted and numbered lists; block quotes and `-#` subtext, which it does not
 *    cover, are escaped here.
 * 6. Every `*`, `_`, `~`, `|`, backtick and `[` is escaped, one by one. `escapeMarkdown` has
 *    options for these too, but they are left off: they pair markers up and miss some in runs
 *    (`*****` comes back with a bare `**`), and their look-behind patterns take time growing with
 *    the square of the length (seconds for 40 kB). Escaping every `[` also means no masked link
 *    can form, however many a line holds. The pass skips existing escape pairs, so backslash
 *    parity is respected.
 */

const ZWSP = '\u200b';

// C0 and C1 controls except tab and line breaks, plus the bidi marks, embeddings, overrides and
// isolates (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069).
const INVISIBLE_CONTROLS =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /\r\n?|[\n\u2028\u2029\u0085]/g;
// An existing escape pair (kept as it is) or a bare inline marker.
const ESCAPE_OR_MARKER = /\\[\s\S]|[*_~|`[]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function sanitize(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, '').replace(LONE_SURROGATE, '\ufffd');
}

function defuse(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replaceAll('<', `<${ZWSP}`)
    .replaceAll('://', `:${ZWSP}//`);
}

/**
 * Text for places Discord shows without markdown (the footer): control characters and half
 * surrogate pairs removed, mentions and links defused, but no backslashes, which would show.
 */
export function plainText(text: string): string {
  return defuse(sanitize(text));
}

/** Options for {@link escapeUserText}. */
export interface EscapeOptions {
  /** Keep line breaks (reasons); otherwise they become spaces (names, ids). */
  multiline?: boolean;
}

/**
 * Returns user text that renders literally in an embed: no mentions, no links, no markdown. See
 * the module comment for the exact rules.
 */
export function escapeUserText(text: string, options: EscapeOptions = {}): string {
  let safe = sanitize(text).replaceAll('\t', ' ');
  safe = options.multiline
    ? safe.replace(LINE_BREAKS, '\n').replace(/\n{3,}/g, '\n\n')
    : safe.replace(LINE_BREAKS, ' ');

  safe = escapeMarkdown(defuse(safe), {
    escape: true,
    heading: true,
    bulletedList: true,
    numberedList: true,
    codeBlock: false,
    inlineCode: false,
    bold: false,
    italic: false,
    underline: false,
    strikethrough: false,
    spoiler: false,
    maskedLink: false,
  });
  return safe
    .replace(/^(\s*)>/gm, '$1\\>')
    .replace(/^(\s*)-#/gm, '$1\\-#')
    .replace(ESCAPE_OR_MARKER, (match) => (match.length === 2 ? match : `\\${match}`));
}

/**
 * User text escaped and shortened to `max` characters. The raw text is shortened first as well,
 * so a 60 kB reason costs no more to escape than the part that can be shown.
 */
export function safeText(text: string, max: number, options: EscapeOptions = {}): string {
  return truncate(escapeUserText(truncate(text, max), options), max);
}
