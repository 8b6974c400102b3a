import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
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

/** Runs the entry point until it exits; one that is still running after 10 s is killed. */
async function startupFailure(
  env: Record<string, string>,
  cwd?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnEntryPoint(env, cwd);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(killer);
  return { code, stdout, stderr };
}

/** A loopback port that something else is listening on, and a way to free it. */
async function portInUse(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
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
    ['PORT', '0x10'],
    ['DISCORD_API_URL', 'not a url'],
    ['PUBLIC_URL', 'https://bridge.example/p?q=1#f'],
    ['LOG_LEVEL', 'loud'],
    ['RETENTION_DAYS', '0'],
  ])('a malformed %s stops start-up with one line naming it', async (name, value) => {
    const { code, stderr } = await startupFailure({ DISCORD_TOKEN: 'x', [name]: value });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(name);
  });
});

describe('start-up problems outside the configuration', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());
  const env = (extra: Record<string, string>) => ({
    DISCORD_TOKEN: 'x',
    DISCORD_API_URL: 'http://127.0.0.1:9',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_PATH: dir.file('bridge.sqlite'),
    ...extra,
  });

  it('a DATABASE_PATH under /proc stops start-up with one line naming it, instead of hanging', async () => {
    const { code, stderr } = await startupFailure(env({ DATABASE_PATH: '/proc/x/y.sqlite' }));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^Configuration error: DATABASE_PATH "\/proc\/x\/y.sqlite" cannot be used as the database: /,
      ),
    ]);
  });

  it('a PORT already in use stops start-up with one line naming PORT and HOST', async () => {
    const taken = await portInUse();
    try {
      const { code, stderr } = await startupFailure(env({ PORT: String(taken.port) }));
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        `Configuration error: PORT ${taken.port} on HOST 127.0.0.1 is already in use by another program`,
      ]);
    } finally {
      await taken.close();
    }
  });

  it('a HOST that does not resolve stops start-up with one line naming it', async () => {
    // .invalid is reserved: it never resolves (RFC 2606).
    const { code, stderr } = await startupFailure(env({ HOST: 'bridge-host.invalid' }));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'Configuration error: HOST bridge-host.invalid cannot be resolved to an address',
    ]);
  });

  it('a .env that is a folder (a Docker bind mount of a missing file) stops start-up with one line', async () => {
    mkdirSync(dir.file('.env'));
    const { code, stderr } = await startupFailure(env({}), dir.path);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^Configuration error: \.env cannot be read: it is a folder, not a file/,
      ),
    ]);
  });

  it('a configuration error is all that start-up prints: no PUBLIC_URL warning before it', async () => {
    const taken = await portInUse();
    try {
      const { code, stdout, stderr } = await startupFailure(
        env({ PORT: String(taken.port), PUBLIC_URL: 'http://bridge.example.test' }),
      );
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stdout).toBe('');
    } finally {
      await taken.close();
    }
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

  it('a clean SIGTERM logs no warning: the bridge closing the gateway itself is not a lost connection', async () => {
    bridge = await spawnBridge({
      ...bridgeEnv(discord, dir.file('bridge.sqlite')),
      PUBLIC_URL: 'https://bridge.example.test',
    });
    await bridge.waitForLog('connected to discord');

    expect(await killBridge(bridge, 'SIGTERM')).toBe(0);
    expect(bridge.logs.map((line) => line.msg)).toContain('stopped');
    expect(bridge.logs.filter((line) => Number(line.level) >= 40)).toEqual([]);
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
