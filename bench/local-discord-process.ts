/**
 * The local Discord in a process of its own, so that its work never counts against the bridge.
 * It reports its address over the IPC channel, then answers the benchmark's calls (see
 * {@link DiscordOps}) until the parent goes away.
 *
 * Run by `bench/discord-process.ts`: `node --import tsx bench/local-discord-process.ts [--rate-limits]`.
 */
import { startLocalDiscord } from '../test/local-discord/index.js';
import { runTickety } from '../test/helpers/tickety-command.js';
import type { DiscordAnswer, DiscordCall, DiscordOps, DiscordReady } from './discord-protocol.js';

const discord = await startLocalDiscord({ rateLimits: process.argv.includes('--rate-limits') });

const ops: { [K in keyof DiscordOps]: (...args: Parameters<DiscordOps[K]>) => unknown } = {
  rateLimits: (enabled) => discord.rateLimits(enabled),
  // IPC carries JSON, where a missing argument arrives as null.
  command: async (path, options, as) =>
    (await runTickety(discord, path, options, as ?? undefined)).content,
  createGuild: (name) => discord.createGuild({ name }),
  createChannel: (guildId, name) => discord.createChannel(guildId, { name }),
  tally: (channelIds) => {
    let messages = 0;
    let embeds = 0;
    let lastPostedAt: number | null = null;
    for (const channelId of channelIds) {
      const posted = discord.messages(channelId);
      messages += posted.length;
      for (const message of posted) embeds += message.embeds.length;
      const last = posted.at(-1);
      if (last) lastPostedAt = Math.max(lastPostedAt ?? 0, Date.parse(last.timestamp));
    }
    return { messages, embeds, lastPostedAt };
  },
  messagesFrom: (channelId, from) =>
    discord
      .messages(channelId)
      .slice(from)
      .map((message) => ({
        postedAt: Date.parse(message.timestamp),
        embeds: message.embeds.length,
      })),
  statuses: () => {
    const counts: Record<string, number> = {};
    for (const request of discord.requests) {
      counts[request.status] = (counts[request.status] ?? 0) + 1;
    }
    return counts;
  },
};

process.on('message', (message: DiscordCall) => {
  void answer(message).then((reply) => process.send?.(reply));
});
process.on('disconnect', () => {
  void discord.close().finally(() => process.exit(0));
});

const ready: DiscordReady = {
  kind: 'ready',
  restUrl: discord.restUrl,
  token: discord.token,
  guild: discord.guild,
};
process.send?.(ready);

async function answer(call: DiscordCall): Promise<DiscordAnswer> {
  try {
    const run = ops[call.op] as (...args: unknown[]) => unknown;
    const value = await run(...call.args);
    return { kind: 'answer', id: call.id, ok: true, value: value ?? null };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { kind: 'answer', id: call.id, ok: false, error: text };
  }
}
