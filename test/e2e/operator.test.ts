import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalDiscord, type LocalDiscord } from '../local-discord/index.js';
import {
  bridgeEnv,
  killBridge,
  postEvent,
  spawnBridge,
  spawnEntryPoint,
  type BridgeProcess,
} from '../helpers/bridge.js';
import { fixtureBody } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp-db.js';
import { channel, runTickety, text } from '../helpers/tickety-command.js';

const TOKEN = 'operator-test-token-0123456789';

async function startupFailure(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawnEntryPoint(env);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('start-up configuration', () => {
  it('a missing DISCORD_TOKEN stops start-up with one line naming it', async () => {
    const { code, stderr } = await startupFailure({ PORT: '0' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('DISCORD_TOKEN');
  });

  it.each([
    ['PORT', 'eighty'],
    ['DISCORD_API_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['RETENTION_DAYS', '0'],
  ])('a malformed %s stops start-up with one line naming it', async (name, value) => {
    const { code, stderr } = await startupFailure({ DISCORD_TOKEN: 'x', [name]: value });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(name);
  });
});

describe('the running process', () => {
  let discord: LocalDiscord;
  let dir: ReturnType<typeof tempDir>;
  let bridge: BridgeProcess | undefined;

  beforeEach(async () => {
    dir = tempDir();
    discord = await startLocalDiscord();
  });
  afterEach(async () => {
    if (bridge) await killBridge(bridge);
    bridge = undefined;
    await discord.close();
    dir.remove();
  });

  it('reads .env from its working folder, with the real environment taking precedence', async () => {
    writeFileSync(
      dir.file('.env'),
      [
        `DISCORD_TOKEN=${discord.token}`,
        `DISCORD_API_URL=${discord.restUrl}`,
        'PORT=1',
        'HOST=127.0.0.1',
        'PUBLIC_URL=https://from-env-file.example',
      ].join('\n'),
    );
    bridge = await spawnBridge({ PORT: '0', DATABASE_PATH: dir.file('bridge.sqlite') }, dir.path);
    await bridge.waitForLog('connected to discord');
    const listening = bridge.logs.find((line) => line.msg === 'http endpoint listening');
    expect(listening).toMatchObject({
      host: '127.0.0.1',
      publicUrl: 'https://from-env-file.example',
    });
    expect(listening?.port).not.toBe(1);
  });

  it('logs one line per request, lifecycle at info, and never a token', async () => {
    bridge = await spawnBridge(bridgeEnv(discord, dir.file('bridge.sqlite')));
    await bridge.waitForLog('connected to discord');
    await runTickety(discord, 'setup', { token: text(TOKEN) });
    await postEvent(bridge.url, discord.guild.id, `Bearer ${TOKEN}`, fixtureBody('ticket.create'));
    await postEvent(bridge.url, discord.guild.id, 'a-wrong-token', fixtureBody('ticket.create'));

    await expect.poll(() => bridge!.logs.filter((line) => line.msg === 'request').length).toBe(2);
    const requests = bridge.logs.filter((line) => line.msg === 'request');
    expect(requests.map((line) => line.status)).toEqual([200, 401]);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: `/tickety/${discord.guild.id}`,
      subsystem: 'http',
      level: 30,
    });
    expect(typeof requests[0]?.ms).toBe('number');

    const everything = JSON.stringify(bridge.logs);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(discord.token);
    expect(everything).not.toContain('a-wrong-token');
  });

  it('on SIGTERM it stops within 10 seconds, and what was pending is delivered after the next start', async () => {
    const env = bridgeEnv(discord, dir.file('bridge.sqlite'));
    bridge = await spawnBridge(env);
    await bridge.waitForLog('connected to discord');
    await runTickety(discord, 'setup', { token: text(TOKEN) });
    await runTickety(discord, 'route add', {
      event: text('*'),
      channel: channel(discord.guild.channels.general),
    });
    discord.faults.serverError(
      { method: 'POST', path: '/channels/:id/messages' },
      { status: 502, times: 10_000 },
    );
    expect(
      (await postEvent(bridge.url, discord.guild.id, TOKEN, fixtureBody('ticket.close'))).status,
    ).toBe(200);
    await expect.poll(() => discord.requests.some((request) => request.status === 502)).toBe(true);

    const started = Date.now();
    expect(await killBridge(bridge, 'SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(bridge.logs.map((line) => line.msg)).toContain('stopped');

    discord.faults.clear();
    bridge = await spawnBridge(env);
    const [message] = await discord.waitForMessages(discord.guild.channels.general, 1, 15_000);
    expect(message?.embeds[0]?.title).toBe('Ticket closed');
  });
});
