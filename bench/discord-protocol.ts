/**
 * What the benchmark may ask of the local Discord running in its own process, and the shape of
 * the messages that carry those questions over the IPC channel.
 */
import type { CreatedGuild, SeededGuild } from '../test/local-discord/index.js';
import type { OptionValue } from '../test/helpers/tickety-command.js';

/** Sent once by the child when the local Discord listens. */
export interface DiscordReady {
  kind: 'ready';
  restUrl: string;
  token: string;
  guild: SeededGuild;
}

/** Messages posted to some channels, counted, and when the last one arrived. */
export interface Tally {
  messages: number;
  embeds: number;
  /** Discord's timestamp of the newest message (ms since the epoch), null when none. */
  lastPostedAt: number | null;
}

/** One message as the latency measurement needs it. */
export interface PostedMessage {
  postedAt: number;
  embeds: number;
}

/** The operations of the local Discord process; every argument and answer is plain JSON. */
export interface DiscordOps {
  rateLimits(enabled: boolean): void;
  /** Runs `/tickety <path>` and returns the bot's final reply text. */
  command(
    path: string,
    options: Record<string, OptionValue>,
    as?: { userId?: string; guildId?: string },
  ): string | null;
  createGuild(name: string): CreatedGuild;
  createChannel(guildId: string, name: string): string;
  tally(channelIds: string[]): Tally;
  /** Messages of a channel from index `from` on, oldest first. */
  messagesFrom(channelId: string, from: number): PostedMessage[];
  /** REST answers seen so far, counted by status code. */
  statuses(): Record<string, number>;
}

/** A call from the benchmark to the child. */
export interface DiscordCall {
  kind: 'call';
  id: number;
  op: keyof DiscordOps;
  args: unknown[];
}

/** The child's answer to one call. */
export type DiscordAnswer =
  | { kind: 'answer'; id: number; ok: true; value: unknown }
  | { kind: 'answer'; id: number; ok: false; error: string };
