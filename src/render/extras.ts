import type { APIEmbedField } from 'discord.js';

import { CHANNEL_FIELDS, knownFieldsOf } from '../tickety/schemas.js';
import type { KnownTicketyEvent } from '../tickety/event.js';
import { safeText } from './escape.js';
import { truncate } from './limits.js';

const KEY_LENGTH = 64;
const LINE_LENGTH = 200;

/** Shows any JSON value compactly and on one line: strings quoted, objects as JSON. */
function jsonish(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    // JSON.stringify recurses, so a deeply nested value can throw; so can a BigInt.
    return JSON.stringify(value) ?? `[${typeof value}]`;
  } catch {
    return '[unreadable value]';
  }
}

/**
 * One `key: value` line per entry, escaped, each at most 200 characters, stopping before
 * `max` characters in all with a count of what was left out.
 */
export function listEntries(entries: ReadonlyArray<[string, unknown]>, max: number): string {
  // Room always kept for the closing "… and N more" line, so it never pushes past `max`.
  const reserve = `\n… and ${entries.length} more`.length;
  const lines: string[] = [];
  let used = 0;
  for (const [index, [key, value]] of entries.entries()) {
    const line = safeText(
      `${truncate(key, KEY_LENGTH)}: ${truncate(jsonish(value), LINE_LENGTH)}`,
      LINE_LENGTH,
    );
    const separator = lines.length > 0 ? 1 : 0;
    const isLast = index === entries.length - 1;
    if (used + separator + line.length + (isLast ? 0 : reserve) > max) {
      lines.push(`… and ${entries.length - index} more`);
      break;
    }
    lines.push(line);
    used += separator + line.length;
  }
  return lines.join('\n');
}

/**
 * The payload entries the schema of this event does not describe, including unknown keys inside
 * the ticket's `channel` object (as `channel.key`), so nothing Tickety sends is lost from view.
 */
export function extraEntries(event: KnownTicketyEvent): Array<[string, unknown]> {
  const known = knownFieldsOf(event.type);
  const entries: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(event.payload)) {
    if (!known.has(key)) entries.push([key, value]);
  }

  const channel: unknown = event.payload.channel;
  if (typeof channel === 'object' && channel !== null) {
    for (const [key, value] of Object.entries(channel)) {
      if (!CHANNEL_FIELDS.has(key)) entries.push([`channel.${key}`, value]);
    }
  }
  return entries;
}

/** The "Other fields" field for an event's extra keys, or `undefined` when there are none. */
export function otherFieldsField(event: KnownTicketyEvent): APIEmbedField | undefined {
  const entries = extraEntries(event);
  if (entries.length === 0) return undefined;
  return { name: 'Other fields', value: listEntries(entries, 1024), inline: false };
}
