import { embedLength, type APIEmbed, type APIEmbedField } from 'discord.js';

/**
 * Discord's embed limits. A message whose embed breaks one of them is refused with a 400, so the
 * event would never show.
 *
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footerText: 2048,
  authorName: 256,
  total: 6000,
} as const;

/** Appended to shortened text so readers can tell something was cut. */
export const TRUNCATION_MARK = '…';

// Discord refuses empty (or blank) field names and values; a zero-width space is the usual filler.
const BLANK = '\u200b';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Where to cut by code points when no whole grapheme fits: never inside a surrogate pair. */
function codePointEnd(text: string, budget: number): number {
  let end = 0;
  for (const char of text) {
    if (end + char.length > budget) break;
    end += char.length;
  }
  return end;
}

/**
 * Shortens `text` to at most `max` UTF-16 units (the unit Discord's limits and `embedLength`
 * count in), ending with {@link TRUNCATION_MARK}. It cuts between graphemes, so a flag, a family
 * emoji or an accented letter is kept whole or dropped whole; only a single grapheme longer than
 * the room left (thousands of combining marks) is cut, and then between code points. A trailing
 * lone backslash is dropped so it cannot escape the mark.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < TRUNCATION_MARK.length) return '';

  const budget = max - TRUNCATION_MARK.length;
  let end = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length > budget) break;
    end = index + segment.length;
  }
  if (end === 0) end = codePointEnd(text, budget);

  let kept = text.slice(0, end).trimEnd();
  const backslashes = /\\+$/.exec(kept)?.[0].length ?? 0;
  if (backslashes % 2 === 1) kept = kept.slice(0, -1);
  return kept + TRUNCATION_MARK;
}

function filled(text: string, max: number): string {
  const cut = truncate(text, max);
  return cut.trim() === '' ? BLANK : cut;
}

/** A piece of the embed that may be shortened to bring the total under 6000. */
interface Shrinkable {
  get(): string;
  set(text: string): void;
}

function shrinkables(embed: APIEmbed, fields: APIEmbedField[]): Shrinkable[] {
  const parts: Shrinkable[] = [];
  if (embed.description !== undefined) {
    parts.push({ get: () => embed.description ?? '', set: (text) => (embed.description = text) });
  }
  for (const field of fields) {
    parts.push({ get: () => field.value, set: (text) => (field.value = text || BLANK) });
  }
  if (embed.footer) {
    const footer = embed.footer;
    parts.push({ get: () => footer.text, set: (text) => (footer.text = text || BLANK) });
  }
  return parts;
}

/**
 * Shortens the longest texts first, each no further than `floor`, until the embed fits the total.
 * Returns whether it fits.
 */
function shrinkLongest(embed: APIEmbed, parts: Shrinkable[], floor: number): boolean {
  for (;;) {
    const excess = embedLength(embed) - EMBED_LIMITS.total;
    if (excess <= 0) return true;

    let longest: Shrinkable | undefined;
    for (const part of parts) {
      if (part.get().length > floor && part.get().length > (longest?.get().length ?? 0)) {
        longest = part;
      }
    }
    if (!longest) return false;
    const length = longest.get().length;
    longest.set(truncate(longest.get(), Math.max(floor, length - excess)));
  }
}

/**
 * Returns a copy of `embed` that Discord will accept: every text within its own limit, at most
 * 25 fields, no empty field, and 6000 characters in total. Over the total it shortens the longest
 * texts first (keeping at least 100 characters of each), then drops fields from the end, where
 * the least important ones are.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fields = (embed.fields ?? []).slice(0, EMBED_LIMITS.fields).map((field) => ({
    ...field,
    name: filled(field.name, EMBED_LIMITS.fieldName),
    value: filled(field.value, EMBED_LIMITS.fieldValue),
  }));
  const fitted: APIEmbed = { ...embed };
  if (embed.fields) fitted.fields = fields;
  if (embed.title !== undefined) fitted.title = truncate(embed.title, EMBED_LIMITS.title);
  if (embed.description !== undefined) {
    fitted.description = truncate(embed.description, EMBED_LIMITS.description);
  }
  if (embed.footer) {
    fitted.footer = { ...embed.footer, text: filled(embed.footer.text, EMBED_LIMITS.footerText) };
  }
  if (embed.author) {
    fitted.author = { ...embed.author, name: filled(embed.author.name, EMBED_LIMITS.authorName) };
  }

  if (shrinkLongest(fitted, shrinkables(fitted, fields), 100)) return fitted;

  // Still too long: drop fields from the end, where the least important ones are, then shorten
  // without a floor. Once no field is left, the title and author name (256 each) plus the rest cut
  // to a single character are far under 6000, so this always ends within the limit.
  while (fields.length > 0 && embedLength(fitted) > EMBED_LIMITS.total) fields.pop();
  shrinkLongest(fitted, shrinkables(fitted, fields), 1);
  return fitted;
}
