import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalDiscord, type LocalDiscord } from '../local-discord/index.js';
import { postEvent, startTestBridge } from '../helpers/bridge.js';
import { fixtureBody } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp-db.js';
import { channel, role, runTickety, text } from '../helpers/tickety-command.js';

const TOKEN = 'delivery-test-token-0123456789';

describe('delivery to Discord', () => {
  let discord: LocalDiscord;
  let bridge: Awaited<ReturnType<typeof startTestBridge>>;
  let dir: ReturnType<typeof tempDir>;
  const post = (body: unknown) => postEvent(bridge.url, discord.guild.id, TOKEN, body);
  const embedsIn = (channelId: string) =>
    discord.messages(channelId).flatMap((message) => message.embeds);

  beforeEach(async () => {
    dir = tempDir();
    discord = await startLocalDiscord();
    bridge = await startTestBridge(discord, dir.file('bridge.sqlite'));
    await runTickety(discord, 'setup', { token: text(TOKEN) });
  });
  afterEach(async () => {
    await bridge?.stop();
    await discord?.close();
    dir.remove();
  });

  it('gives the verified member the Member role, with an audit-log reason', async () => {
    const userId = discord.addMember(discord.guild.id, 'newbie');
    await runTickety(discord, 'action add', {
      event: text('verification.pass'),
      role: role(discord.guild.roles.member),
      mode: text('add'),
    });

    const body = fixtureBody('verification.pass');
    body.payload.userId = userId;
    expect((await post(body)).status).toBe(200);

    await expect
      .poll(() => discord.memberRoles(discord.guild.id, userId), { timeout: 5_000 })
      .toContain(discord.guild.roles.member);
    expect(discord.auditReasons.at(-1)?.reason).toContain('verification.pass');
  });

  it('takes a role away when the action says remove', async () => {
    const userId = discord.addMember(discord.guild.id, 'leaver', [discord.guild.roles.staff]);
    await runTickety(discord, 'action add', {
      event: text('ticket.remove'),
      role: role(discord.guild.roles.staff),
      mode: text('remove'),
    });

    const body = fixtureBody('ticket.remove');
    body.payload.removedUser = userId;
    await post(body);
    await expect
      .poll(() => discord.memberRoles(discord.guild.id, userId), { timeout: 5_000 })
      .not.toContain(discord.guild.roles.staff);
  });

  it("pings only the rule's role: user text with @everyone and mentions cannot ping anyone", async () => {
    await runTickety(discord, 'route add', {
      event: text('ticket.close'),
      channel: channel(discord.guild.channels.tickets),
      mention: role(discord.guild.roles.staff),
    });
    const body = fixtureBody('ticket.close');
    body.payload.closeReason = `@everyone @here <@&${discord.guild.roles.admin}> <@${discord.guild.users.owner}> [click](https://evil.example)`;
    await post(body);

    const [message] = await discord.waitForMessages(discord.guild.channels.tickets, 1);
    expect(message?.content).toBe(`<@&${discord.guild.roles.staff}>`);
    expect(message?.mention_everyone).toBe(false);
    expect(message?.mention_roles).toEqual([discord.guild.roles.staff]);
    expect(message?.mentions).toEqual([]);
    const rendered = JSON.stringify(message?.embeds);
    expect(rendered).not.toMatch(/(^|[^\u200b])@everyone/);
    expect(rendered).not.toContain(`<@&${discord.guild.roles.admin}>`);
    expect(rendered).not.toContain('](https://evil.example)');
  });

  it('fans out to every matching channel, posting once in each however many rules match', async () => {
    await runTickety(discord, 'route add', {
      event: text('*'),
      channel: channel(discord.guild.channels.general),
    });
    await runTickety(discord, 'route add', {
      event: text('ticket.*'),
      channel: channel(discord.guild.channels.tickets),
    });
    await runTickety(discord, 'route add', {
      event: text('ticket.close'),
      channel: channel(discord.guild.channels.tickets),
      panel: text('hw-returns'),
    });
    await runTickety(discord, 'route add', {
      event: text('ticket.close'),
      channel: channel(discord.guild.channels.tickets),
      panel: text('another-panel'),
    });

    await post(fixtureBody('ticket.close'));
    // A channel's messages go out in order, so once the next event has reached #tickets, a second
    // post of the close would already be there.
    await post(fixtureBody('ticket.create'));
    await expect
      .poll(() => embedsIn(discord.guild.channels.tickets).map((embed) => embed.title), {
        timeout: 5_000,
      })
      .toHaveLength(2);
    const titles = embedsIn(discord.guild.channels.tickets).map((embed) => embed.title ?? '');
    expect(titles[0]).toMatch(/closed/i);
    expect(titles[1]).toMatch(/opened|created|new/i);
    await expect
      .poll(() => embedsIn(discord.guild.channels.general).length, { timeout: 5_000 })
      .toBe(2);
  });

  it('a test event is posted marked as a test and changes no roles', async () => {
    await runTickety(discord, 'route add', {
      event: text('verification.*'),
      channel: channel(discord.guild.channels.general),
    });
    await runTickety(discord, 'action add', {
      event: text('verification.pass'),
      role: role(discord.guild.roles.member),
      mode: text('add'),
    });

    const reply = await runTickety(discord, 'test', { event: text('verification.pass') });
    expect(reply.content).toContain(`<#${discord.guild.channels.general}>`);
    expect(reply.content).toContain('not applied');

    const [message] = await discord.waitForMessages(discord.guild.channels.general, 1);
    expect(message?.embeds[0]?.title).toMatch(/test/i);
    expect(discord.auditReasons).toEqual([]);
    const status = await runTickety(discord, 'status');
    expect(JSON.stringify(status.embeds)).toContain('None yet');
  });

  it('retries a 5xx until it goes through, and posts once', async () => {
    await runTickety(discord, 'route add', {
      event: text('*'),
      channel: channel(discord.guild.channels.general),
    });
    discord.faults.serverError(
      { method: 'POST', path: '/channels/:id/messages' },
      { status: 503, times: 5 },
    );

    await post(fixtureBody('ticket.create'));
    await expect
      .poll(() => embedsIn(discord.guild.channels.general).length, { timeout: 10_000 })
      .toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(discord.messages(discord.guild.channels.general)).toHaveLength(1);
  });

  it('a post whose answer was lost is retried with the same nonce and appears once', async () => {
    await runTickety(discord, 'route add', {
      event: text('*'),
      channel: channel(discord.guild.channels.general),
    });
    discord.faults.loseResponse({ method: 'POST', path: '/channels/:id/messages' }, { times: 2 });

    await post(fixtureBody('ticket.create'));
    await expect
      .poll(
        () =>
          discord.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'))
            .length,
        {
          timeout: 10_000,
        },
      )
      .toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(discord.messages(discord.guild.channels.general)).toHaveLength(1);
    const status = await runTickety(discord, 'status');
    expect(JSON.stringify(status.embeds)).toMatch(/"Deliveries pending","value":"0"/);
  });

  it('a deleted channel fails at once with a reason, the other channel is still served, and replay retries', async () => {
    const doomed = discord.createChannel(discord.guild.id, { name: 'doomed' });
    await runTickety(discord, 'route add', { event: text('*'), channel: channel(doomed) });
    await runTickety(discord, 'route add', {
      event: text('*'),
      channel: channel(discord.guild.channels.general),
    });
    discord.deleteChannel(doomed);

    await post(fixtureBody('ticket.claim'));
    await discord.waitForMessages(discord.guild.channels.general, 1);

    await expect
      .poll(async () => JSON.stringify((await runTickety(discord, 'status')).embeds), {
        timeout: 5_000,
      })
      .toContain('no longer exists');
    const replay = await runTickety(discord, 'replay');
    expect(replay.content).toContain('Retrying 1 failed delivery');
  });
});
