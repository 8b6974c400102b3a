import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDiscord, type LocalDiscord } from '../local-discord/index.js';
import { postEvent, startTestBridge } from '../helpers/bridge.js';
import { fixtureBody } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp-db.js';
import { channel, integer, runTickety, text } from '../helpers/tickety-command.js';

const TOKEN = 'removal-test-token-0123456789';

describe('removing a rule whose channel was deleted', () => {
  let discord: LocalDiscord;
  let bridge: Awaited<ReturnType<typeof startTestBridge>>;
  const dir = tempDir();
  const statusField = async (name: string) =>
    (await runTickety(discord, 'status')).embeds[0]?.fields?.find((field) => field.name === name)
      ?.value;

  beforeAll(async () => {
    discord = await startLocalDiscord();
    bridge = await startTestBridge(discord, dir.file('bridge.sqlite'));
    await runTickety(discord, 'setup', { token: text(TOKEN) });
  });
  afterAll(async () => {
    await bridge?.stop();
    await discord?.close();
    dir.remove();
  });

  it('drops its failed deliveries, says how many, and replay no longer retries the dead channel', async () => {
    const doomed = discord.createChannel(discord.guild.id, { name: 'doomed' });
    const saved = await runTickety(discord, 'route add', {
      event: text('ticket.*'),
      channel: channel(doomed),
    });
    const id = Number(/#(\d+)/.exec(saved.content ?? '')?.[1]);
    discord.deleteChannel(doomed);

    await postEvent(bridge.url, discord.guild.id, TOKEN, fixtureBody('ticket.claim'));
    await postEvent(bridge.url, discord.guild.id, TOKEN, fixtureBody('ticket.close'));
    await expect.poll(() => statusField('Deliveries failed'), { timeout: 5_000 }).toMatch(/^2:/);

    const removed = await runTickety(discord, 'route remove', { id: integer(id) });
    expect(removed.content).toBe(
      `Removed rule \`#${id}\`, and dropped 2 waiting or failed deliveries that could only go where it pointed (the events stay stored).`,
    );
    await runTickety(discord, 'route add', {
      event: text('ticket.*'),
      channel: channel(discord.guild.channels.general),
    });

    expect(await statusField('Deliveries failed')).toBe('0');
    expect((await runTickety(discord, 'replay')).content).toBe(
      'There are no failed deliveries to retry.',
    );
    expect(await statusField('Last event')).toContain('ticket.close');
  });
});
