/**
 * What the benchmark sends and how the bridge is configured for it: Tickety's 15 sample events,
 * and servers set up with `/tickety` slash commands the way an admin would.
 */
import { loadFixtures } from '../test/helpers/fixtures.js';
import { channel, role, text, type OptionValue } from '../test/helpers/tickety-command.js';
import type { DiscordProcess } from './discord-process.js';

/** The Tickety token every benchmarked server shares. */
export const TOKEN = 'tickety-bench-token-0123456789abcdef';

/**
 * The 15 sample events as request bodies, in file order. `verification.pass` names a member of the
 * local guild instead of the sample's user, so that the role action it triggers really succeeds.
 */
export function eventBodies(memberId: string): string[] {
  return loadFixtures().map(({ body }) => {
    if (body.type !== 'verification.pass') return JSON.stringify(body);
    return JSON.stringify({ ...body, payload: { ...body.payload, userId: memberId } });
  });
}

/** The seeded guild's configuration of the intake and footprint runs, in words for the report. */
export const MIXED_SETUP = [
  '`/tickety setup token:…`',
  '`/tickety route add event:* channel:#general`',
  '`/tickety route add event:ticket.* channel:#tickets mention:@Staff`',
  '`/tickety action add event:verification.pass role:@Member mode:add`',
];

/**
 * Two routing rules and one role action on the seeded guild: every event is posted in #general,
 * ticket events also in #tickets with a ping, and `verification.pass` gives the Member role.
 * Returns the channels messages go to.
 */
export async function configureMixed(discord: DiscordProcess): Promise<string[]> {
  const { channels, roles } = discord.guild;
  await expectReply(discord, 'setup', { token: text(TOKEN) });
  await expectReply(discord, 'route add', { event: text('*'), channel: channel(channels.general) });
  await expectReply(discord, 'route add', {
    event: text('ticket.*'),
    channel: channel(channels.tickets),
    mention: role(roles.staff),
  });
  await expectReply(discord, 'action add', {
    event: text('verification.pass'),
    role: role(roles.member),
    mode: text('add'),
  });
  return [channels.general, channels.tickets];
}

/** One more server (a new guild) whose events all go to its #general; returns guild and channel. */
export async function addSingleChannelServer(
  discord: DiscordProcess,
  name: string,
): Promise<{ guildId: string; channelId: string }> {
  const guild = await discord.call('createGuild', name);
  const as = { userId: guild.ownerId, guildId: guild.id };
  await expectReply(discord, 'setup', { token: text(TOKEN) }, as);
  const rule = { event: text('*'), channel: channel(guild.generalChannelId) };
  await expectReply(discord, 'route add', rule, as);
  return { guildId: guild.id, channelId: guild.generalChannelId };
}

/** A route to `*` in one channel of the seeded guild. */
export async function routeAllTo(discord: DiscordProcess, channelId: string): Promise<void> {
  await expectReply(discord, 'setup', { token: text(TOKEN) });
  await expectReply(discord, 'route add', { event: text('*'), channel: channel(channelId) });
}

async function expectReply(
  discord: DiscordProcess,
  path: string,
  options: Record<string, OptionValue>,
  as?: { userId: string; guildId: string },
): Promise<void> {
  const reply = (await discord.call('command', path, options, as)) ?? '';
  const expected = path === 'setup' ? '/tickety/' : 'Saved';
  if (!reply.includes(expected)) throw new Error(`/tickety ${path} was refused: ${reply}`);
}
