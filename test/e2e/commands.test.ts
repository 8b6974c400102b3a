import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDiscord, type LocalDiscord } from '../local-discord/index.js';
import { postEvent, startTestBridge } from '../helpers/bridge.js';
import { tempDir } from '../helpers/temp-db.js';
import { channel, integer, role, runTickety, text } from '../helpers/tickety-command.js';

describe('the /tickety command', () => {
  let discord: LocalDiscord;
  let bridge: Awaited<ReturnType<typeof startTestBridge>>;
  const dir = tempDir();

  beforeAll(async () => {
    discord = await startLocalDiscord();
    bridge = await startTestBridge(discord, dir.file('bridge.sqlite'));
  });
  afterAll(async () => {
    await bridge?.stop();
    await discord?.close();
    dir.remove();
  });

  it('is registered once, for servers only, for members with Manage Server', () => {
    const commands = discord.commands();
    expect(commands.map((command) => command.name)).toEqual(['tickety']);
    expect(commands[0]?.default_member_permissions).toBe('32');
    expect(commands[0]?.contexts).toEqual([0]);
  });

  it('refuses a member without Manage Server, even if the server widened who may use it', async () => {
    const reply = await runTickety(discord, 'status', {}, { userId: discord.guild.users.member });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('Manage Server');
  });

  describe('setup', () => {
    it('without a token opens a private form, and the submitted token is stored', async () => {
      const handle = await discord.sendCommand({
        name: 'tickety',
        userId: discord.guild.users.admin,
        options: [{ type: 1, name: 'setup', options: [] }],
      });
      const modal = await handle.response();
      expect(modal.type).toBe(9);
      expect(modal.customId).toBe('tickety:setup');

      const submitted = await discord.sendModalSubmit({
        userId: discord.guild.users.admin,
        customId: 'tickety:setup',
        fields: { token: '  modal-token-1234567890  ' },
      });
      const reply = await submitted.final();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toContain(`https://bridge.example.test/tickety/${discord.guild.id}`);
      expect(reply.content).not.toContain('modal-token');

      const accepted = await postEvent(bridge.url, discord.guild.id, 'modal-token-1234567890', {
        type: 'verification.fail',
        payload: { verificationId: 'v', userId: '1378950337007017535', status: 'FAILED' },
      });
      expect(accepted.status).toBe(200);
    });

    it('a new token replaces the old one at once', async () => {
      const reply = await runTickety(discord, 'setup', { token: text('second-token-abcdefghij') });
      expect(reply.content).toContain('replaced');
      const body = {
        type: 'verification.fail',
        payload: { verificationId: 'v', userId: '1378950337007017535', status: 'FAILED' },
      };
      expect(
        (await postEvent(bridge.url, discord.guild.id, 'modal-token-1234567890', body)).status,
      ).toBe(401);
      expect(
        (await postEvent(bridge.url, discord.guild.id, 'second-token-abcdefghij', body)).status,
      ).toBe(200);
    });
  });

  describe('route add', () => {
    it.each([
      ['a channel the bot cannot see', 'staffOnly', /View Channel/],
      ['a channel where it cannot send', 'readOnly', /Send Messages/],
      ['a channel where it cannot embed links', 'noEmbeds', /Embed Links/],
    ] as const)('refuses %s, naming the missing permission', async (_, key, missing) => {
      const reply = await runTickety(discord, 'route add', {
        event: text('*'),
        channel: channel(discord.guild.channels[key]),
      });
      expect(reply.content).toMatch(missing);
      expect(reply.content).toContain(`<#${discord.guild.channels[key]}>`);
    });

    it('refuses to ping a role that is not mentionable, saying how to allow it', async () => {
      const reply = await runTickety(discord, 'route add', {
        event: text('*'),
        channel: channel(discord.guild.channels.general),
        mention: role(discord.guild.roles.member),
      });
      expect(reply.content).toContain(`I can't ping <@&${discord.guild.roles.member}>`);
    });

    it('saves a rule, refuses an exact duplicate, and lists it with its id', async () => {
      const options = {
        event: text('ticket.close'),
        channel: channel(discord.guild.channels.tickets),
        panel: text('hw-returns'),
        mention: role(discord.guild.roles.staff),
      };
      const saved = await runTickety(discord, 'route add', options);
      const id = /#(\d+)/.exec(saved.content ?? '')?.[1];
      expect(id).toBeDefined();

      const duplicate = await runTickety(discord, 'route add', options);
      expect(duplicate.content).toContain('already');

      const list = await runTickety(discord, 'route list');
      const description = list.embeds[0]?.description ?? '';
      expect(description).toContain(`#${id}`);
      expect(description).toContain(`<#${discord.guild.channels.tickets}>`);
      expect(description).toContain('hw-returns');
      expect(description).toContain(`<@&${discord.guild.roles.staff}>`);
    });

    it("a server cannot remove another server's rule", async () => {
      const saved = await runTickety(discord, 'route add', {
        event: text('application.*'),
        channel: channel(discord.guild.channels.general),
      });
      const id = Number(/#(\d+)/.exec(saved.content ?? '')?.[1]);

      const other = discord.createGuild({ name: 'Elsewhere' });
      const adminElsewhere = other.ownerId;
      await expect.poll(() => discord.gatewayStats.openConnections).toBeGreaterThan(0);
      const foreign = await runTickety(
        discord,
        'route remove',
        { id: integer(id) },
        { guildId: other.id, userId: adminElsewhere },
      );
      expect(foreign.content).toContain('no rule');

      const own = await runTickety(discord, 'route remove', { id: integer(id) });
      expect(own.content).toContain('Removed');
      expect((await runTickety(discord, 'route list')).embeds[0]?.description).not.toContain(
        `#${id} `,
      );
    });
  });

  describe('action add', () => {
    it.each([
      ['a role above the bot', 'admin', /drag my role above/],
      ['a managed role', 'booster', /managed/],
    ] as const)('refuses %s, saying what to change', async (_, key, reason) => {
      const reply = await runTickety(discord, 'action add', {
        event: text('verification.pass'),
        role: role(discord.guild.roles[key]),
        mode: text('add'),
      });
      expect(reply.content).toMatch(reason);
    });

    it('saves an action, refuses a duplicate and lists it', async () => {
      const options = {
        event: text('verification.pass'),
        role: role(discord.guild.roles.member),
        mode: text('add'),
      };
      expect((await runTickety(discord, 'action add', options)).content).toContain('Saved action');
      expect((await runTickety(discord, 'action add', options)).content).toContain('already');
      const list = await runTickety(discord, 'action list');
      expect(list.embeds[0]?.description).toContain(`give <@&${discord.guild.roles.member}>`);
    });
  });

  it("status shows the endpoint, the token state, today's count and the quota reminder", async () => {
    const reply = await runTickety(discord, 'status');
    const fields = Object.fromEntries(
      (reply.embeds[0]?.fields ?? []).map((field) => [field.name, field.value]),
    );
    expect(fields['Endpoint URL']).toContain(`/tickety/${discord.guild.id}`);
    expect(fields.Token).toBe('Set');
    expect(fields['Events today (UTC)']).toMatch(/^2 .*100 a day/);
    expect(fields['Last event']).toContain('verification.fail');
  });
});
