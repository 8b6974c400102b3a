import type { APIEmbedField } from 'discord.js';

/**
 * What each event's renderer decides: the title and the facts. `renderEvent` adds what every
 * embed shares (colour, footer, test mark, other fields) and fits the result to Discord's limits.
 */
export interface EmbedDraft {
  title: string;
  fields: APIEmbedField[];
  description?: string;
  /** When the event happened, if the payload says so (ISO-8601). */
  timestamp?: string | undefined;
}
