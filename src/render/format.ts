import {
  channelMention,
  hyperlink,
  time,
  TimestampStyles,
  userMention,
  type APIEmbedField,
} from 'discord.js';

import { safeText } from './escape.js';

/** Shown for a close or review reason that is missing or blank, as Tickety's own sample does. */
export const NO_REASON = 'No reason given';

/** Shown where a person or value the event should carry was not sent. */
export const NOT_SENT = 'Not sent';

/** Tickety's priority levels, by number (from its priority event page). */
export const PRIORITY_NAMES = ['None', 'Low', 'Medium', 'High'] as const;

/** Room for one name or id inside a field; channel names are at most 100 on Discord anyway. */
export const NAME_LENGTH = 200;

/** Builds an embed field; short facts sit side by side (`inline`), prose gets its own row. */
export function field(name: string, value: string, inline = true): APIEmbedField {
  return { name, value, inline };
}

/** A validated user id as a mention, or {@link NOT_SENT}. */
export function person(id: string | undefined): string {
  return id === undefined ? NOT_SENT : userMention(id);
}

/** User text for a name-like value (single line, escaped, at most {@link NAME_LENGTH}). */
export function name(text: string | undefined): string {
  return text === undefined || text.trim() === '' ? NOT_SENT : safeText(text, NAME_LENGTH);
}

/** A before/after pair, the way every change event reads: `Low → High`. */
export function change(before: string, after: string): string {
  return `${before} → ${after}`;
}

/** A category id as a channel mention, which Discord shows as the category's current name. */
export function category(id: string | undefined): string {
  return id === undefined ? NOT_SENT : channelMention(id);
}

/**
 * A ticket channel: the mention (clickable, current name) followed by the name from the payload,
 * which still reads correctly after the channel is deleted.
 */
export function ticketChannel(channel: { id: string; name: string } | undefined): string {
  if (!channel) return NOT_SENT;
  return `${channelMention(channel.id)} · ${name(channel.name)}`;
}

/**
 * A point in time in Discord's timestamp markup, so each reader sees their own time zone: the
 * full date and time, then the relative form ("2 days ago").
 */
export function moment(iso: string | undefined): string {
  if (iso === undefined) return NOT_SENT;
  const date = new Date(iso);
  const full = time(date, TimestampStyles.ShortDateTime);
  return `${full} (${time(date, TimestampStyles.RelativeTime)})`;
}

/** A free-text reason, keeping its line breaks, or {@link NO_REASON} when blank or absent. */
export function reason(text: string | undefined, max = 1000): string {
  return text === undefined || text.trim() === ''
    ? NO_REASON
    : safeText(text, max, { multiline: true });
}

const UNITS = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
] as const;

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * A duration in words with its two largest units, as people say it: "1 day 4 hours",
 * "12 minutes", "less than a second". `undefined` for a negative or non-finite span (a close date
 * before the open date), which is better left out than shown wrong.
 */
export function formatDuration(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  for (let i = 0; i < UNITS.length; i += 1) {
    const [unit, size] = UNITS[i]!;
    const count = Math.floor(ms / size);
    if (count === 0) continue;
    const next = UNITS[i + 1];
    const rest = next ? Math.floor((ms % size) / next[1]) : 0;
    return next && rest > 0
      ? `${plural(count, unit)} ${plural(rest, next[0])}`
      : plural(count, unit);
  }
  return 'less than a second';
}

/** How long a ticket was open, from its two ISO dates. */
export function openFor(openDate: string | undefined, closeDate: string | undefined) {
  if (openDate === undefined || closeDate === undefined) return undefined;
  return formatDuration(Date.parse(closeDate) - Date.parse(openDate));
}

const MAX_LINK_LENGTH = 512;

/**
 * A transcript as a link, only when it is a well-formed https URL; anything else (http, a
 * `javascript:` URL, plain words) is shown as escaped text that cannot link.
 */
export function transcript(text: string): string {
  const trimmed = text.trim();
  let url: URL | undefined;
  try {
    url = new URL(trimmed);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || url.username || url.password) return safeText(trimmed, 300);

  // Parentheses would end the markdown link early; percent-encoding them keeps the same URL.
  const href = url.href.replaceAll('(', '%28').replaceAll(')', '%29');
  if (href.length > MAX_LINK_LENGTH) return safeText(trimmed, 300);
  return hyperlink('Open transcript', href);
}
