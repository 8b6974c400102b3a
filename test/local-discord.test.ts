import { once } from 'node:events';

import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  HTTPError,
  ModalBuilder,
  PermissionFlagsBits,
  Routes,
  TextInputBuilder,
  TextInputStyle,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startLocalDiscord, type LocalDiscord } from './local-discord/index.js';

let discord: LocalDiscord;
const clients: Client[] = [];

beforeEach(async () => {
  discord = await startLocalDiscord();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  await discord.close();
});

/** A discord.js client configured the way the bot creates it. */
function newClient(): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: discord.restUrl, timeout: 2_000, retries: 1 },
    allowedMentions: { parse: [] },
  });
  clients.push(client);
  return client;
}

async function readyClient(): Promise<Client<true>> {
  const client = newClient();
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(5_000) });
  await client.login(discord.token);
  await ready;
  if (!client.isReady()) throw new Error('client is not ready');
  return client;
}

/** Registers /tickety and calls `handle` for each chat-input interaction. */
async function botWithCommand(
  handle: (interaction: ChatInputCommandInteraction) => Promise<unknown>,
): Promise<Client<true>> {
  const client = await readyClient();
  await client.application.commands.set([
    {
      name: 'tickety',
      description: 'Tickety bridge settings',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'route',
          description: 'Send an event to a channel',
          options: [
            {
              type: ApplicationCommandOptionType.Channel,
              name: 'channel',
              description: 'Where to post',
              required: true,
            },
          ],
        },
      ],
    },
  ]);
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (interaction.isChatInputCommand()) void handle(interaction);
  });
  return client;
}

const routeOptions = (channelId: string) => [
  {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'route',
    options: [{ type: ApplicationCommandOptionType.Channel, name: 'channel', value: channelId }],
  },
];

describe('local Discord', () => {
  it('GIVEN the seeded guild WHEN discord.js logs in THEN it is ready with the guild, channels and roles cached', async () => {
    const client = await readyClient();

    const guild = client.guilds.cache.get(discord.guild.id);
    expect(guild?.available).toBe(true);
    expect(client.user.id).toBe(discord.botUserId);
    expect(client.user.bot).toBe(true);
    expect(client.application.id).toBe(discord.applicationId);
    expect(guild?.channels.cache.has(discord.guild.channels.noEmbeds)).toBe(true);
    expect(guild?.roles.cache.get(discord.guild.roles.admin)?.name).toBe('Admin');
    expect(guild?.members.me?.roles.highest.id).toBe(discord.guild.roles.bot);

    const me = guild?.members.me;
    const hidden = guild?.channels.cache.get(discord.guild.channels.staffOnly);
    const noEmbeds = guild?.channels.cache.get(discord.guild.channels.noEmbeds);
    expect(me && hidden?.permissionsFor(me).has(PermissionFlagsBits.ViewChannel)).toBe(false);
    expect(me && noEmbeds?.permissionsFor(me).has(PermissionFlagsBits.EmbedLinks)).toBe(false);
  });

  it('a client presenting the wrong token cannot log in', async () => {
    const client = newClient();

    await expect(client.login('not.the.token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(discord.requests.at(-1)).toMatchObject({ path: '/gateway/bot', status: 401 });
  });

  it('commands registered with application.commands.set are stored with ids and visible to tests', async () => {
    const client = await botWithCommand(() => Promise.resolve());

    const fetched = await client.application.commands.fetch();
    expect([...fetched.values()].map((command) => command.name)).toEqual(['tickety']);
    expect(discord.commands()).toHaveLength(1);
    expect(discord.commands()[0]?.id).toBe(fetched.first()?.id);
  });

  it('a command body Discord would reject is answered 400 Invalid Form Body', async () => {
    const client = await readyClient();

    const register = client.application.commands.set([
      { name: 'Tickety', description: 'uppercase names are invalid' },
    ]);
    await expect(register).rejects.toMatchObject({ code: 50035, status: 400 });
  });

  it('GIVEN a slash command with a channel option WHEN the bot replies ephemerally THEN the reply is recorded', async () => {
    let seenChannel: string | undefined;
    await botWithCommand(async (interaction) => {
      seenChannel = interaction.options.getChannel('channel', true).name ?? undefined;
      await interaction.reply({ content: 'Routed.', flags: 'Ephemeral' });
    });

    const command = await discord.sendCommand({
      userId: discord.guild.users.admin,
      name: 'tickety',
      options: routeOptions(discord.guild.channels.tickets),
    });

    const reply = await command.final();
    expect(reply).toMatchObject({ kind: 'callback', type: 4, content: 'Routed.', ephemeral: true });
    expect(seenChannel).toBe('tickets');
  });

  it('GIVEN a deferred reply WHEN the bot edits it THEN final() returns the edit', async () => {
    await botWithCommand(async (interaction) => {
      await interaction.deferReply({ flags: 'Ephemeral' });
      await interaction.editReply({ embeds: [{ title: 'Done', description: 'All set' }] });
    });

    const command = await discord.sendCommand({
      name: 'tickety',
      options: routeOptions(discord.guild.channels.general),
    });

    expect(await command.response()).toMatchObject({ type: 5, ephemeral: true });
    const final = await command.final();
    expect(final).toMatchObject({ kind: 'edit-original', ephemeral: true });
    expect(final.embeds[0]).toMatchObject({ title: 'Done', description: 'All set' });
  });

  it('a reply after the interaction window (3 s on Discord) fails with 10062 Unknown interaction', async () => {
    await discord.close();
    discord = await startLocalDiscord({ interactionWindowMs: 50 });
    const failures: unknown[] = [];
    await botWithCommand(async (interaction) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      await interaction.reply('too late').catch((error: unknown) => failures.push(error));
    });

    await discord.sendCommand({
      name: 'tickety',
      options: routeOptions(discord.guild.channels.general),
    });

    await expect.poll(() => failures.length, { timeout: 3_000 }).toBe(1);
    expect(failures[0]).toMatchObject({ code: 10062 });
  });

  it('GIVEN the bot shows a modal WHEN the user submits it THEN the bot reads the fields', async () => {
    const submitted: string[] = [];
    const client = await botWithCommand(async (interaction) => {
      const input = new TextInputBuilder()
        .setCustomId('secret')
        .setLabel('Webhook secret')
        .setStyle(TextInputStyle.Short);
      const modal = new ModalBuilder()
        .setCustomId('setup')
        .setTitle('Set up Tickety')
        .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
      await interaction.showModal(modal);
    });
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      if (!interaction.isModalSubmit()) return;
      const modal: ModalSubmitInteraction = interaction;
      submitted.push(modal.fields.getTextInputValue('secret'));
      void modal.reply({ content: 'Saved.', flags: 'Ephemeral' });
    });

    const command = await discord.sendCommand({
      name: 'tickety',
      options: routeOptions(discord.guild.channels.general),
    });
    const modal = await command.response();
    expect(modal).toMatchObject({ type: 9, customId: 'setup', title: 'Set up Tickety' });
    expect(modal.inputs?.map((input) => input.customId)).toEqual(['secret']);

    const submit = await discord.sendModalSubmit({
      customId: 'setup',
      fields: { secret: 's3cret' },
    });
    expect(await submit.final()).toMatchObject({ content: 'Saved.', ephemeral: true });
    expect(submitted).toEqual(['s3cret']);
  });

  it('a reply with withResponse returns the created message, and a follow-up is recorded apart', async () => {
    let responseMessageId: string | undefined;
    await botWithCommand(async (interaction) => {
      const response = await interaction.reply({ content: 'first', withResponse: true });
      responseMessageId = response.resource?.message?.id;
      await interaction.followUp({ content: 'second', flags: 'Ephemeral' });
    });

    const command = await discord.sendCommand({
      name: 'tickety',
      options: routeOptions(discord.guild.channels.general),
    });

    await expect.poll(() => command.replies.length, { timeout: 3_000 }).toBe(2);
    const summary = command.replies.map((reply) => [reply.kind, reply.content, reply.ephemeral]);
    expect(summary).toEqual([
      ['callback', 'first', false],
      ['follow-up', 'second', true],
    ]);
    expect(responseMessageId).toBe(command.replies[0]?.messageId);
  });

  it('GIVEN a message with a button WHEN the user clicks and the bot updates THEN the stored message changes', async () => {
    const client = await readyClient();
    const channelId = discord.guild.channels.tickets;
    const button = { type: 2, style: 1, custom_id: 'close', label: 'Close' };
    const posted = (await client.rest.post(Routes.channelMessages(channelId), {
      body: { content: 'Close ticket?', components: [{ type: 1, components: [button] }] },
    })) as { id: string };
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      if (interaction.isButton()) void interaction.update({ content: 'Closed.', components: [] });
    });

    const click = await discord.sendComponent({ messageId: posted.id, customId: 'close' });

    expect(await click.final()).toMatchObject({
      type: 7,
      content: 'Closed.',
      messageId: posted.id,
    });
    expect(discord.messages(channelId)[0]).toMatchObject({ content: 'Closed.', components: [] });
  });

  it('a command the bot never registered cannot be sent', async () => {
    await readyClient();

    await expect(discord.sendCommand({ name: 'tickety' })).rejects.toThrow(/not registered/);
  });

  it('two posts with the same nonce and enforce_nonce create one message and return it twice', async () => {
    const client = await readyClient();
    const channelId = discord.guild.channels.tickets;
    const body = {
      embeds: [{ title: 'Ticket #1 opened' }],
      nonce: 'ticket-1-open',
      enforce_nonce: true,
    };

    const first = (await client.rest.post(Routes.channelMessages(channelId), { body })) as {
      id: string;
    };
    const second = (await client.rest.post(Routes.channelMessages(channelId), { body })) as {
      id: string;
    };

    expect(second.id).toBe(first.id);
    expect(discord.messages(channelId)).toHaveLength(1);
    expect(discord.messages(channelId)[0]?.embeds[0]?.title).toBe('Ticket #1 opened');
  });

  it('waitForMessages resolves once enough messages arrived and rejects clearly after its timeout', async () => {
    const client = await readyClient();
    const channelId = discord.guild.channels.tickets;
    const arrived = discord.waitForMessages(channelId, 2);

    await client.rest.post(Routes.channelMessages(channelId), { body: { content: 'one' } });
    await client.rest.post(Routes.channelMessages(channelId), { body: { content: 'two' } });

    expect((await arrived).map((message) => message.content)).toEqual(['one', 'two']);
    await expect(discord.waitForMessages(channelId, 3, 50)).rejects.toThrow(
      /timed out after 50 ms waiting for 3 message\(s\) in channel \d+ \(have 2\)/,
    );
  });

  it('posting an embed where the bot lacks Embed Links fails with 50013 Missing Permissions', async () => {
    const client = await readyClient();
    const post = client.rest.post(Routes.channelMessages(discord.guild.channels.noEmbeds), {
      body: { embeds: [{ title: 'hi' }] },
    });

    await expect(post).rejects.toBeInstanceOf(DiscordAPIError);
    await expect(post).rejects.toMatchObject({ code: 50013, status: 403 });
    expect(discord.messages(discord.guild.channels.noEmbeds)).toHaveLength(0);
  });

  it('posting where the bot cannot view the channel fails with 50001 Missing Access', async () => {
    const client = await readyClient();
    const post = client.rest.post(Routes.channelMessages(discord.guild.channels.staffOnly), {
      body: { content: 'hello' },
    });

    await expect(post).rejects.toMatchObject({ code: 50001, status: 403 });
  });

  it('an embed over Discord limits is rejected with 50035 naming the field', async () => {
    const client = await readyClient();
    const post = client.rest.post(Routes.channelMessages(discord.guild.channels.general), {
      body: { embeds: [{ title: 'x'.repeat(257) }] },
    });

    await expect(post).rejects.toMatchObject({ code: 50035, status: 400 });
    await expect(post).rejects.toThrow(/embeds\[0\]\.title/);
  });

  it('GIVEN overwrites changed while connected THEN the client cache follows CHANNEL_UPDATE', async () => {
    const client = await readyClient();
    const channelId = discord.guild.channels.general;
    const updated = once(client, Events.ChannelUpdate, { signal: AbortSignal.timeout(5_000) });

    discord.setChannelOverwrites(channelId, [
      { id: discord.botUserId, type: 'member', deny: PermissionFlagsBits.SendMessages },
    ]);
    await updated;

    const channel = client.guilds.cache.get(discord.guild.id)?.channels.cache.get(channelId);
    const me = client.guilds.cache.get(discord.guild.id)?.members.me;
    expect(me && channel?.permissionsFor(me).has(PermissionFlagsBits.SendMessages)).toBe(false);
    const post = client.rest.post(Routes.channelMessages(channelId), { body: { content: 'x' } });
    await expect(post).rejects.toMatchObject({ code: 50013 });
  });

  it('adding and removing a role below the bot works and records the audit reason', async () => {
    const client = await readyClient();
    const guild = client.guilds.cache.get(discord.guild.id);
    const member = await guild?.members.fetch(discord.guild.users.newcomer);

    await member?.roles.add(discord.guild.roles.staff, 'Ticket #7 claimed');
    expect(discord.memberRoles(discord.guild.id, discord.guild.users.newcomer)).toEqual([
      discord.guild.roles.staff,
    ]);
    await member?.roles.remove(discord.guild.roles.staff);
    expect(discord.memberRoles(discord.guild.id, discord.guild.users.newcomer)).toEqual([]);
    expect(discord.auditReasons).toEqual([
      expect.objectContaining({ method: 'PUT', reason: 'Ticket #7 claimed' }),
    ]);
  });

  it('a role above the bot or a managed role is refused with 50013, an unknown role with 10011', async () => {
    const client = await readyClient();
    const route = (roleId: string) =>
      Routes.guildMemberRole(discord.guild.id, discord.guild.users.member, roleId);

    await expect(client.rest.put(route(discord.guild.roles.admin))).rejects.toMatchObject({
      code: 50013,
    });
    await expect(client.rest.put(route(discord.guild.roles.booster))).rejects.toMatchObject({
      code: 50013,
    });
    await expect(client.rest.put(route('1'))).rejects.toMatchObject({ code: 10011 });
  });

  it('one 500 is retried by discord.js; two in a row surface as HTTPError', async () => {
    const client = await readyClient();
    const channelId = discord.guild.channels.general;
    const pattern = { method: 'POST', path: '/channels/:id/messages' };

    discord.faults.serverError(pattern);
    await client.rest.post(Routes.channelMessages(channelId), { body: { content: 'retried' } });
    expect(discord.messages(channelId)).toHaveLength(1);

    discord.faults.serverError(pattern, { status: 503, times: 2 });
    const post = client.rest.post(Routes.channelMessages(channelId), { body: { content: 'lost' } });
    await expect(post).rejects.toBeInstanceOf(HTTPError);
    await expect(post).rejects.toMatchObject({ status: 503 });
  });

  it('a 429 with Retry-After is waited out by discord.js and then succeeds', async () => {
    const client = await readyClient();
    const channelId = discord.guild.channels.general;
    discord.faults.rateLimit({ path: '/channels/:id/messages' }, { retryAfterMs: 400 });

    const started = Date.now();
    await client.rest.post(Routes.channelMessages(channelId), { body: { content: 'eventually' } });

    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(
      discord.requests.filter((r) => r.path.endsWith('/messages')).map((r) => r.status),
    ).toEqual([429, 200]);
  });

  it('a global 429 makes discord.js pause every request until Retry-After', async () => {
    const client = await readyClient();
    discord.faults.rateLimit(
      { path: '/channels/:id/messages' },
      { retryAfterMs: 300, global: true },
    );

    const started = Date.now();
    await client.rest.post(Routes.channelMessages(discord.guild.channels.general), {
      body: { content: 'after global limit' },
    });

    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(discord.messages(discord.guild.channels.general)).toHaveLength(1);
  });

  it('a connection reset mid-request is not retried by discord.js and surfaces as an error', async () => {
    const client = await readyClient();
    discord.faults.resetConnection({ method: 'POST', path: '/channels/:id/messages' });

    const post = client.rest.post(Routes.channelMessages(discord.guild.channels.general), {
      body: { content: 'lost' },
    });

    await expect(post).rejects.toThrow(/other side closed/);
    expect(discord.messages(discord.guild.channels.general)).toHaveLength(0);
  });

  it('a request that hangs makes discord.js time out and retry once', async () => {
    const client = await readyClient();
    const channelId = discord.guild.channels.general;
    discord.faults.hang({ method: 'POST', path: `/channels/${channelId}/messages` });

    await client.rest.post(Routes.channelMessages(channelId), {
      body: { content: 'after timeout' },
    });
    expect(discord.messages(channelId).map((m) => m.content)).toEqual(['after timeout']);
  });

  it('with rate limits on, the sixth post in 5 s waits for the bucket instead of getting a 429', async () => {
    discord.rateLimits(true);
    const client = await readyClient();
    const channelId = discord.guild.channels.general;

    const started = Date.now();
    for (let index = 0; index < 6; index += 1) {
      await client.rest.post(Routes.channelMessages(channelId), { body: { content: `#${index}` } });
    }

    expect(Date.now() - started).toBeGreaterThan(4_000);
    expect(discord.messages(channelId)).toHaveLength(6);
    expect(discord.requests.some((request) => request.status === 429)).toBe(false);
  });

  it('with rate limits on, a client ignoring the headers gets 429 with Retry-After and bucket headers', async () => {
    discord.rateLimits(true);
    const url = `${discord.restUrl}/v10/channels/${discord.guild.channels.general}/messages`;
    const post = () =>
      fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bot ${discord.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ content: 'spam' }),
      });

    const answers: Response[] = [];
    for (let index = 0; index < 6; index += 1) answers.push(await post());

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(answers[4]?.headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = answers[5];
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(4);
    expect(limited?.headers.get('x-ratelimit-bucket')).toBe(
      answers[0]?.headers.get('x-ratelimit-bucket'),
    );
    expect(await limited?.json()).toMatchObject({
      global: false,
      message: 'You are being rate limited.',
    });
  });

  it('GIVEN a resumable drop WHEN a role is created meanwhile THEN the client resumes and gets it', async () => {
    const client = await readyClient();
    const resumed = once(client, Events.ShardResume, { signal: AbortSignal.timeout(5_000) });

    discord.dropGateway({ resumable: true, how: 'destroy' });
    const roleId = discord.createRole(discord.guild.id, { name: 'Created offline' });
    await resumed;

    expect(discord.gatewayStats).toMatchObject({ identifies: 1, resumes: 1 });
    expect(client.isReady()).toBe(true);
    expect(client.guilds.cache.get(discord.guild.id)?.roles.cache.has(roleId)).toBe(true);
  });

  it('GIVEN a non-resumable drop THEN the client identifies again and stays usable', async () => {
    const client = await botWithCommand((interaction) => interaction.reply('still here'));

    discord.dropGateway({ resumable: false });
    // discord.js waits 5 s (plus jitter) between two IDENTIFYs of the same shard.
    await expect.poll(() => discord.gatewayStats.identifies, { timeout: 9_000 }).toBe(2);

    expect(discord.gatewayStats.invalidSessions).toBe(1);
    expect(client.isReady()).toBe(true);
    const command = await discord.sendCommand({
      name: 'tickety',
      options: routeOptions(discord.guild.channels.general),
    });
    expect((await command.final()).content).toBe('still here');
  });

  it('GIVEN the bot joins a new guild THEN guildCreate fires, and removing the bot fires guildDelete', async () => {
    const client = await readyClient();
    const joined = once(client, Events.GuildCreate, { signal: AbortSignal.timeout(5_000) });

    const created = discord.createGuild({ name: 'Second server' });
    await joined;
    expect(client.guilds.cache.get(created.id)?.name).toBe('Second server');

    const left = once(client, Events.GuildDelete, { signal: AbortSignal.timeout(5_000) });
    discord.removeMember(created.id, discord.botUserId);
    await left;
    expect(client.guilds.cache.has(created.id)).toBe(false);
  });

  it('a route the local Discord does not know answers 404 and is logged', async () => {
    const client = await readyClient();

    await expect(client.rest.get('/nope/nothing')).rejects.toMatchObject({ status: 404 });
    expect(discord.unknownRoutes).toEqual(['GET /api/v10/nope/nothing']);
    expect(discord.internalErrors).toEqual([]);
  });
});
