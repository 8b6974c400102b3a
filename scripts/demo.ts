/**
 * `npm run demo`: the whole bridge on this machine, with no Discord account. It starts a local
 * Discord and the bridge, configures a server through slash commands as an admin would, posts
 * Tickety's 15 sample events over HTTP and prints every message that reached Discord.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { ApplicationCommandOptionType } from 'discord.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../src/logger.js';
import { startBridge } from '../src/main.js';
import { postEvent, testConfig } from '../test/helpers/bridge.js';
import { loadFixtures } from '../test/helpers/fixtures.js';
import {
  channel,
  role,
  runTickety,
  text,
  type OptionValue,
} from '../test/helpers/tickety-command.js';
import { startLocalDiscord, type LocalDiscord } from '../test/local-discord/index.js';
import { describeMessage, readable, type NameBook } from './demo/readable.js';

const TOKEN = 'demo-token-from-tickety-dashboard';
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

async function main(): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), 'tickety-bridge-demo-'));
  const discord = await startLocalDiscord();
  const fixtures = loadFixtures();
  const people = addFixturePeople(discord, fixtures);

  const config = {
    ...testConfig(discord, join(folder, 'bridge.sqlite')),
    publicUrl: 'https://bridge.example.com',
  };
  const bridge = await startBridge(config, createLogger(process.env.LOG_LEVEL ?? 'warn'));
  try {
    await bridge.ready;
    const url = `http://127.0.0.1:${bridge.port}`;
    const names = await nameBook(discord, people);
    const { channels, roles } = discord.guild;

    console.log(bold(`\nLocal Discord at ${discord.restUrl}, bridge at ${url}\n`));
    console.log(bold('1. An admin configures the server'));
    const commands: [string, Record<string, OptionValue>][] = [
      ['setup', { token: text(TOKEN) }],
      ['route add', { event: text('ticket.*'), channel: channel(channels.tickets) }],
      [
        'route add',
        {
          event: text('application.*'),
          channel: channel(channels.general),
          mention: role(roles.staff),
        },
      ],
      ['route add', { event: text('verification.*'), channel: channel(channels.general) }],
      [
        'action add',
        { event: text('verification.pass'), role: role(roles.member), mode: text('add') },
      ],
      [
        'action add',
        { event: text('application.accept'), role: role(roles.staff), mode: text('add') },
      ],
    ];
    for (const [path, options] of commands) {
      const shown = Object.entries(options).map(
        ([name, option]) =>
          `${name}:${option.type === ApplicationCommandOptionType.String ? option.value : (names.channels.get(String(option.value)) ?? names.roles.get(String(option.value)))}`,
      );
      const reply = await runTickety(discord, path, options);
      console.log(`  /tickety ${path} ${shown.join(' ').replace(TOKEN, '••••')}`);
      console.log(`    → ${readable(reply.content ?? '', names).replace(/\n/g, '\n      ')}`);
    }

    console.log(
      bold(
        `\n2. Tickety posts its ${fixtures.length} sample events to ${url}/tickety/${discord.guild.id}`,
      ),
    );
    for (const fixture of fixtures) {
      const response = await postEvent(url, discord.guild.id, TOKEN, fixture.body);
      console.log(
        `  ${fixture.type.padEnd(20)} → ${response.status} ${JSON.stringify(response.json)}`,
      );
    }

    const delivered = await waitForEmbeds(discord, fixtures.length);
    console.log(bold('\n3. What reached Discord'));
    for (const channelId of [channels.tickets, channels.general]) {
      for (const message of discord.messages(channelId)) {
        console.log(
          bold(
            `\n#${names.channels.get(channelId)}, message ${message.id} (${message.embeds.length} embed${message.embeds.length === 1 ? '' : 's'})`,
          ),
        );
        console.log(describeMessage(message, names).join('\n'));
      }
    }

    console.log(bold('\n4. Role changes'));
    for (const { method, path, reason } of discord.auditReasons) {
      const [, , , userId, , roleId] = path.split('/').filter(Boolean);
      const change = method === 'PUT' ? 'gave @%r to @%u' : 'took @%r from @%u';
      const role = names.roles.get(roleId ?? '') ?? roleId;
      const user = names.users.get(userId ?? '') ?? userId;
      console.log(
        `  ${change.replace('%r', String(role)).replace('%u', String(user))} (audit log: "${reason}")`,
      );
    }
    for (const [userId, name] of people) {
      const held = discord
        .memberRoles(discord.guild.id, userId)
        .map((id) => `@${names.roles.get(id) ?? id}`);
      if (held.length > 0) console.log(`  @${name} now has ${held.join(', ')}`);
    }

    const status = await runTickety(discord, 'status');
    console.log(bold('\n5. /tickety status'));
    for (const field of status.embeds[0]?.fields ?? [])
      console.log(`  ${field.name}: ${readable(field.value, names)}`);

    const ok = delivered === fixtures.length;
    console.log(bold(`\n${ok ? '✔' : '✘'} ${delivered} of ${fixtures.length} events delivered.\n`));
    return ok ? 0 : 1;
  } finally {
    await bridge.stop();
    await discord.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The people named in the samples join the local server, so role changes have someone to reach. */
function addFixturePeople(
  discord: LocalDiscord,
  fixtures: ReturnType<typeof loadFixtures>,
): Map<string, string> {
  const people = new Map<string, string>();
  const names = [
    'quillfeather',
    'marlow',
    'juniper',
    'okafor',
    'ravel',
    'tamsin',
    'ilse',
    'bramble',
  ];
  for (const { body } of fixtures) {
    for (const [key, value] of Object.entries(body.payload)) {
      if (
        typeof value !== 'string' ||
        !/^\d{17,20}$/.test(value) ||
        !/(Id|By|User)$/.test(key) ||
        /category/i.test(key)
      )
        continue;
      if (people.has(value)) continue;
      const name = names[people.size % names.length]!;
      discord.addMember(discord.guild.id, name, [], value);
      people.set(value, name);
    }
  }
  return people;
}

async function nameBook(
  discord: LocalDiscord,
  people: ReadonlyMap<string, string>,
): Promise<NameBook> {
  const get = async <T>(path: string) =>
    (await (
      await fetch(`${discord.restUrl}/v10${path}`, {
        headers: { authorization: `Bot ${discord.token}` },
      })
    ).json()) as T;
  const channels = await get<{ id: string; name: string }[]>(
    `/guilds/${discord.guild.id}/channels`,
  );
  const roles = await get<{ id: string; name: string }[]>(`/guilds/${discord.guild.id}/roles`);
  return {
    channels: new Map(channels.map((c) => [c.id, c.name])),
    roles: new Map(roles.map((r) => [r.id, r.name])),
    users: new Map(people),
  };
}

async function waitForEmbeds(discord: LocalDiscord, expected: number): Promise<number> {
  const { tickets, general } = discord.guild.channels;
  const count = () =>
    [tickets, general]
      .flatMap((id) => discord.messages(id))
      .reduce((n, m) => n + m.embeds.length, 0);
  const deadline = Date.now() + 15_000;
  while (count() < expected && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return count();
}

process.exitCode = await main();
