import { MessageFlags, inlineCode, type APIEmbed } from 'discord.js';

/** Every reply of the bot's commands is visible only to the admin who ran it. */
export const EPHEMERAL = MessageFlags.Ephemeral;

/** Colour of the bot's own list and status embeds (Tickety-neutral blurple). */
export const INFO_COLOUR = 0x5865f2;

/**
 * A tidy list embed. Lines that would not fit in Discord's 4096-character description are left
 * out with a count, rather than cut mid-line.
 */
export function listEmbed(
  title: string,
  lines: readonly string[],
  empty: string,
  footer: string,
): APIEmbed {
  if (lines.length === 0) return { title, description: empty, color: INFO_COLOUR };

  const shown: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > 4000) break;
    shown.push(line);
    length += line.length + 1;
  }
  const hidden = lines.length - shown.length;
  if (hidden > 0) shown.push(`…and ${hidden} more`);
  return { title, description: shown.join('\n'), color: INFO_COLOUR, footer: { text: footer } };
}

/**
 * The end of a "Removed rule #N" reply: how many waiting or failed deliveries went with it, so an
 * admin knows why `/tickety status` shows fewer. Nothing when there were none.
 */
export function droppedNote(count: number): string {
  if (count === 0) return '';
  const deliveries = count === 1 ? 'delivery' : 'deliveries';
  return `, and dropped ${count} waiting or failed ${deliveries} that could only go where it pointed (the events stay stored)`;
}

/**
 * A value that came from a user or from Tickety (a panel id, an event type, something an admin
 * typed), shown as inline code. A code span cannot contain a backtick and ends at a line break, so
 * backticks become straight quotes and control characters spaces, and a long value is shortened
 * with a visible mark: nothing in the value can end the span early or spill formatting past it.
 */
export function codeSpan(value: string, maxLength = 100): string {
  const clean = value.replaceAll('`', "'").replace(/\p{Cc}/gu, ' ');
  if (clean.trim() === '') return inlineCode('(empty)');
  return inlineCode(clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean);
}
