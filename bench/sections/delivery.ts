/**
 * Section 2, delivering under Discord's rate limits (5 messages / 5 s per channel, 50 requests/s):
 * how fast a backlog drains into one channel and into ten, and how soon an idle bridge posts.
 */
import { join } from 'node:path';
import { startBridgeProcess, type BridgeProcess } from '../bridge-process.js';
import { DiscordProcess } from '../discord-process.js';
import { postAll, postEvent, type Outgoing } from '../post-events.js';
import { pollUntil, sleep } from '../processes.js';
import { addSingleChannelServer, eventBodies, routeAllTo, TOKEN } from '../scenario.js';

/** How section 2 runs. */
export interface DeliverySettings {
  oneChannelEvents: number;
  tenChannelEvents: number;
  idleEvents: number;
  /** Pause between two idle events; with 10 channels in turn it keeps each under its limit. */
  idleSpacingMs: number;
  workDir: string;
}

/** One backlog drained: from the first `200` to the last embed's arrival. */
export interface DrainResult {
  events: number;
  channels: number;
  embeds: number;
  messages: number;
  seconds: number;
  eventsPerS: number;
  /** 429 answers the local Discord gave while this backlog drained. */
  rateLimited: number;
}

/** What section 2 measured. */
export interface DeliveryReport {
  settings: DeliverySettings;
  oneChannel: DrainResult;
  tenChannels: DrainResult;
  /** From the `200` to the message's arrival at the local Discord, in ms, one per event. */
  idleLatenciesMs: number[];
}

/** Runs section 2. */
export async function measureDelivery(settings: DeliverySettings): Promise<DeliveryReport> {
  const discord = await DiscordProcess.start({ rateLimits: true });
  const bridge = await startBridgeProcess({
    discord,
    databasePath: join(settings.workDir, 'delivery.sqlite'),
  });
  try {
    const bodies = eventBodies(discord.guild.users.newcomer);
    const body = (i: number): string => bodies[i % bodies.length]!;

    const single = discord.guild.channels.tickets;
    await routeAllTo(discord, single);
    const oneChannelEvents = Array.from({ length: settings.oneChannelEvents }, (_, i) => ({
      guildId: discord.guild.id,
      body: body(i),
    }));
    const oneChannel = await drain(discord, bridge, oneChannelEvents, [single]);

    const servers: { guildId: string; channelId: string }[] = [];
    for (let i = 0; i < 10; i++) servers.push(await addSingleChannelServer(discord, `Bench ${i}`));
    const spread = (i: number): Outgoing => ({ guildId: servers[i % 10]!.guildId, body: body(i) });
    const tenChannelEvents = Array.from({ length: settings.tenChannelEvents }, (_, i) => spread(i));
    const channels = servers.map((server) => server.channelId);
    const tenChannels = await drain(discord, bridge, tenChannelEvents, channels);

    // Let every rate-limit window of the backlog close, so the idle bridge starts with full buckets.
    await sleep(5500);
    const idleLatenciesMs: number[] = [];
    for (let i = 0; i < settings.idleEvents; i++) {
      const started = Date.now();
      const server = servers[i % 10]!;
      idleLatenciesMs.push(await timeOneEvent(discord, bridge, spread(i), server.channelId));
      await sleep(Math.max(0, settings.idleSpacingMs - (Date.now() - started)));
    }

    return { settings, oneChannel, tenChannels, idleLatenciesMs };
  } finally {
    await bridge.stop();
    await discord.close();
  }
}

async function drain(
  discord: DiscordProcess,
  bridge: BridgeProcess,
  events: readonly Outgoing[],
  channels: string[],
): Promise<DrainResult> {
  const before = await discord.call('tally', channels);
  const limitedBefore = (await discord.call('statuses'))['429'] ?? 0;

  const posted = await postAll(bridge.url, TOKEN, events, 10);
  if (posted.failed > 0) throw new Error(`${posted.failed} events were not accepted`);
  const after = await pollUntil(
    async () => {
      const tally = await discord.call('tally', channels);
      return tally.embeds - before.embeds >= events.length ? tally : undefined;
    },
    180_000,
    100,
    `${events.length} embeds in ${channels.length} channel(s)`,
  );

  const seconds = (after.lastPostedAt! - posted.firstOkAt) / 1000;
  const limitedAfter = (await discord.call('statuses'))['429'] ?? 0;
  return {
    events: events.length,
    channels: channels.length,
    embeds: after.embeds - before.embeds,
    messages: after.messages - before.messages,
    seconds,
    eventsPerS: events.length / seconds,
    rateLimited: limitedAfter - limitedBefore,
  };
}

/** Posts one event to an idle bridge and times it from the `200` to the message's arrival. */
async function timeOneEvent(
  discord: DiscordProcess,
  bridge: BridgeProcess,
  event: Outgoing,
  channelId: string,
): Promise<number> {
  const { messages } = await discord.call('tally', [channelId]);
  const status = await postEvent(bridge.url, TOKEN, event);
  const acceptedAt = Date.now();
  if (status !== 200) throw new Error(`an idle event was answered ${status}`);

  const [message] = await pollUntil(
    async () => {
      const posted = await discord.call('messagesFrom', channelId, messages);
      return posted.length > 0 ? posted : undefined;
    },
    10_000,
    2,
    'the idle event to reach the local Discord',
  );
  return message!.postedAt - acceptedAt;
}
