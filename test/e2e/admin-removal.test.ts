import { describe, expect, it } from 'vitest';
import { postEvent, useBridge } from '../helpers/bridge.js';
import { fixtureBody } from '../helpers/fixtures.js';
import { channel, integer, runTickety, text } from '../helpers/tickety-command.js';

const TOKEN = 'removal-test-token-0123456789';

describe('removing a rule whose channel was deleted', () => {
  const env = useBridge({ token: TOKEN });
  const statusField = async (name: string) =>
    (await runTickety(env.discord, 'status')).embeds[0]?.fields?.find(
      (field) => field.name === name,
    )?.value;

  it('drops its failed deliveries, says how many, and replay no longer retries the dead channel', async () => {
    const doomed = env.discord.createChannel(env.discord.guild.id, { name: 'doomed' });
    const saved = await runTickety(env.discord, 'route add', {
      event: text('ticket.*'),
      channel: channel(doomed),
    });
    const id = Number(/#(\d+)/.exec(saved.content ?? '')?.[1]);
    env.discord.deleteChannel(doomed);

    await postEvent(env.bridge.url, env.discord.guild.id, TOKEN, fixtureBody('ticket.claim'));
    await postEvent(env.bridge.url, env.discord.guild.id, TOKEN, fixtureBody('ticket.close'));
    await expect.poll(() => statusField('Deliveries failed'), { timeout: 5_000 }).toMatch(/^2:/);

    const removed = await runTickety(env.discord, 'route remove', { id: integer(id) });
    expect(removed.content).toBe(
      `Removed rule \`#${id}\`, and dropped 2 waiting or failed deliveries that could only go where it pointed (the events stay stored).`,
    );
    await runTickety(env.discord, 'route add', {
      event: text('ticket.*'),
      channel: channel(env.discord.guild.channels.general),
    });

    expect(await statusField('Deliveries failed')).toBe('0');
    expect((await runTickety(env.discord, 'replay')).content).toBe(
      'There are no failed deliveries to retry.',
    );
    expect(await statusField('Last event')).toContain('ticket.close');
  });
});
