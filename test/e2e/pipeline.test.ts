import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDiscord, type LocalDiscord } from '../local-discord/index.js';
import { postEvent, startTestBridge } from '../helpers/bridge.js';
import { fixtureBody, loadFixtures } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp-db.js';
import { channel, role, runTickety, text } from '../helpers/tickety-command.js';

const TOKEN = 'tickety-token-for-tests-0123456789';

describe('GIVEN a server configured through slash commands', () => {
  let discord: LocalDiscord;
  let bridge: Awaited<ReturnType<typeof startTestBridge>>;
  const dir = tempDir();

  beforeAll(async () => {
    discord = await startLocalDiscord();
    for (const type of ['verification.pass', 'verification.fail'] as const) {
      discord.addMember(discord.guild.id, type, [], String(fixtureBody(type).payload.userId));
    }
    discord.addMember(
      discord.guild.id,
      'applicant',
      [],
      String(fixtureBody('application.accept').payload.submitterId),
    );
    bridge = await startTestBridge(discord, dir.file('bridge.sqlite'));
    const { channels, roles } = discord.guild;

    const setup = await runTickety(discord, 'setup', { token: text(TOKEN) });
    expect(setup.content).toContain(`/tickety/${discord.guild.id}`);
    await runTickety(discord, 'route add', {
      event: text('ticket.*'),
      channel: channel(channels.tickets),
    });
    await runTickety(discord, 'route add', {
      event: text('application.*'),
      channel: channel(channels.general),
      mention: role(roles.staff),
    });
    await runTickety(discord, 'route add', {
      event: text('verification.*'),
      channel: channel(channels.general),
    });
    await runTickety(discord, 'action add', {
      event: text('verification.pass'),
      role: role(roles.member),
      mode: text('add'),
    });
    await runTickety(discord, 'action add', {
      event: text('application.accept'),
      role: role(roles.staff),
      mode: text('add'),
    });
  });

  afterAll(async () => {
    await bridge?.stop();
    await discord?.close();
    dir.remove();
  });

  it('THEN every sample event is acknowledged and posted once, in the channel its rule names', async () => {
    const fixtures = loadFixtures();
    for (const fixture of fixtures) {
      const response = await postEvent(bridge.url, discord.guild.id, TOKEN, fixture.body);
      expect(response, fixture.type).toMatchObject({ status: 200, json: { ok: true } });
    }

    const footers = (channelId: string) =>
      discord
        .messages(channelId)
        .flatMap((message) => message.embeds)
        .map((embed) => embed.footer?.text.replace('Tickety · ', ''));
    const ticketTypes = fixtures.map((f) => f.type).filter((type) => type.startsWith('ticket.'));
    const otherTypes = fixtures.map((f) => f.type).filter((type) => !type.startsWith('ticket.'));

    await expect
      .poll(() => footers(discord.guild.channels.tickets).length, { timeout: 10_000 })
      .toBe(ticketTypes.length);
    await expect
      .poll(() => footers(discord.guild.channels.general).length, { timeout: 10_000 })
      .toBe(otherTypes.length);
    expect(footers(discord.guild.channels.tickets).sort()).toEqual(ticketTypes.sort());
    expect(footers(discord.guild.channels.general).sort()).toEqual(otherTypes.sort());
  });

  it('THEN application messages ping the Staff role and nothing else', () => {
    const applicationMessages = discord
      .messages(discord.guild.channels.general)
      .filter((message) =>
        message.embeds.some((embed) => embed.footer?.text.includes('application.')),
      );
    expect(applicationMessages.length).toBeGreaterThan(0);
    for (const message of applicationMessages) {
      expect(message.content).toBe(`<@&${discord.guild.roles.staff}>`);
      expect(message.mention_roles).toEqual([discord.guild.roles.staff]);
    }
    const others = discord.messages(discord.guild.channels.tickets);
    for (const message of others) expect(message.mention_roles).toEqual([]);
  });

  it('THEN the verified member got Member and the accepted applicant got Staff, with audit reasons', async () => {
    const verified = String(fixtureBody('verification.pass').payload.userId);
    const applicant = String(fixtureBody('application.accept').payload.submitterId);
    const { roles } = discord.guild;

    await expect
      .poll(() => discord.memberRoles(discord.guild.id, verified), { timeout: 5_000 })
      .toEqual([roles.member]);
    await expect
      .poll(() => discord.memberRoles(discord.guild.id, applicant), { timeout: 5_000 })
      .toEqual([roles.staff]);
    const failed = String(fixtureBody('verification.fail').payload.userId);
    expect(discord.memberRoles(discord.guild.id, failed)).toEqual([]);
    expect(discord.auditReasons.map((entry) => entry.reason).sort()).toEqual([
      expect.stringContaining('application.accept') as string,
      expect.stringContaining('verification.pass') as string,
    ]);
  });
});
