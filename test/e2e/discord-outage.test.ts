import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { RoutingStore } from '../../src/db/rules.js';
import { ServerStore } from '../../src/db/servers.js';
import { createLogger } from '../../src/logger.js';
import { startBridge } from '../../src/main.js';
import { startLocalDiscord, type LocalDiscord } from '../local-discord/index.js';
import {
  bridgeEnv,
  killBridge,
  postEvent,
  spawnBridge,
  testConfig,
  TEST_TUNING,
  type BridgeProcess,
} from '../helpers/bridge.js';
import { fixtureBody } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp-db.js';

const TOKEN = 'outage-test-token-0123456789';
const RETRYING = 'discord cannot be reached: retrying the login';

/**
 * A loopback port with nothing on it, until `open` forwards it to the local Discord's REST API:
 * Discord "comes back" at the address the bridge was started with.
 */
async function unreachableDiscord(discord: LocalDiscord) {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));

  const target = new URL(discord.restUrl);
  const sockets = new Set<Socket>();
  const forwarder = createServer((socket) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const end of [socket, upstream]) {
      sockets.add(end);
      end.on('error', () => undefined);
      end.on('close', () => sockets.delete(end));
    }
    socket.pipe(upstream).pipe(socket);
  });
  return {
    url: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    async open() {
      forwarder.listen(port, '127.0.0.1');
      await once(forwarder, 'listening');
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      if (forwarder.listening) await new Promise((resolve) => forwarder.close(resolve));
    },
  };
}

/**
 * A loopback server that accepts each connection and closes it at once, as a plain-http proxy with
 * nothing behind it does, until `open` makes it forward to the local Discord's REST API instead.
 */
async function closingDiscord(discord: LocalDiscord) {
  const target = new URL(discord.restUrl);
  let forwarding = false;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    if (!forwarding) {
      socket.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    for (const end of [socket, upstream]) {
      sockets.add(end);
      end.on('error', () => undefined);
      end.on('close', () => sockets.delete(end));
    }
    socket.pipe(upstream).pipe(socket);
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    open: () => void (forwarding = true),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A logger that keeps its lines (parsed JSON) in memory, for a bridge started in this process. */
function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { lines, logger };
}

async function healthz(url: string): Promise<number> {
  return (await health(url)).status;
}

async function health(url: string): Promise<{ status: number; discord: unknown }> {
  const response = await fetch(`${url}/healthz`);
  const body = (await response.json()) as { discord?: unknown };
  return { status: response.status, discord: body.discord };
}

describe('GIVEN Discord cannot be reached at start-up', () => {
  let discord: LocalDiscord;
  let dir: ReturnType<typeof tempDir>;
  let down: Awaited<ReturnType<typeof unreachableDiscord>>;
  let bridge: BridgeProcess | undefined;

  beforeEach(async () => {
    dir = tempDir();
    discord = await startLocalDiscord();
    down = await unreachableDiscord(discord);
  });
  afterEach(async () => {
    if (bridge) await killBridge(bridge);
    bridge = undefined;
    await down.close();
    await discord.close();
    dir.remove();
  });

  it('the endpoint stores events, /healthz says 503, and once Discord is back they are delivered', async () => {
    const db = openDatabase(dir.file('bridge.sqlite'));
    new ServerStore(db).setToken(discord.guild.id, TOKEN);
    new RoutingStore(db).addRule(
      {
        guildId: discord.guild.id,
        eventPattern: '*',
        channelId: discord.guild.channels.general,
        panelId: null,
        mentionRoleId: null,
      },
      null,
    );
    db.close();

    bridge = await spawnBridge({
      ...bridgeEnv(discord, dir.file('bridge.sqlite')),
      DISCORD_API_URL: down.url,
    });
    const retrying = await bridge.waitForLog(RETRYING, 5_000);
    expect(retrying).toMatchObject({ level: 40, retryInSeconds: 1, discordApiUrl: down.url });
    expect(await health(bridge.url)).toEqual({ status: 503, discord: 'connecting' });
    expect(
      (await postEvent(bridge.url, discord.guild.id, TOKEN, fixtureBody('ticket.close'))).status,
    ).toBe(200);

    await down.open();
    await bridge.waitForLog('connected to discord', 10_000);
    const [message] = await discord.waitForMessages(discord.guild.channels.general, 1);
    expect(message?.embeds[0]?.title).toBe('Ticket closed');
    expect(await healthz(bridge.url)).toBe(200);
    expect(bridge.child.exitCode).toBeNull();
  });

  it('SIGTERM while the login is being retried stops it with exit code 0', async () => {
    bridge = await spawnBridge({
      ...bridgeEnv(discord, dir.file('bridge.sqlite')),
      DISCORD_API_URL: down.url,
    });
    await bridge.waitForLog(RETRYING, 5_000);

    const started = Date.now();
    expect(await killBridge(bridge, 'SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(bridge.logs.map((line) => line.msg)).toContain('stopped');
  });

  it('stop() cancels the retries: no login is attempted after it', async () => {
    const { lines, logger } = memoryLogger();
    const config = { ...testConfig(discord, dir.file('bridge.sqlite')), discordApiUrl: down.url };
    const running = await startBridge(config, logger, {
      ...TEST_TUNING,
      loginBackoff: { firstDelayMs: 100, maxDelayMs: 100 },
    });
    const attempts = () => lines.filter((line) => line.msg === RETRYING).length;
    await expect.poll(attempts).toBeGreaterThanOrEqual(2);

    await running.stop();
    await running.ready;
    const afterStop = attempts();
    await down.open();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(attempts()).toBe(afterStop);
    expect(discord.requests).toEqual([]);
  });
});

describe('GIVEN DISCORD_API_URL accepts connections and closes them at once', () => {
  let discord: LocalDiscord;
  let dir: ReturnType<typeof tempDir>;
  let closing: Awaited<ReturnType<typeof closingDiscord>>;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    dir = tempDir();
    discord = await startLocalDiscord();
    closing = await closingDiscord(discord);
  });
  afterEach(async () => {
    if (child?.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
    child = undefined;
    await closing.close();
    await discord.close();
    dir.remove();
  });

  it('each login attempt gives up at its deadline with a warning, and the bridge connects once Discord answers', async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('short-login-deadline.ts', import.meta.url))],
      {
        env: {
          PATH: process.env.PATH ?? '',
          ...bridgeEnv(discord, dir.file('bridge.sqlite')),
          DISCORD_API_URL: closing.url,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines: Record<string, unknown>[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    const retries = () => lines.filter((line) => line.msg === RETRYING);

    await expect.poll(() => retries().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    // The first request of a fresh process is the one undici leaves pending; later ones fail.
    expect(retries()[0]).toMatchObject({
      level: 40,
      reason: 'no answer from Discord within 1 s',
      retryInSeconds: 0.1,
      discordApiUrl: closing.url,
    });

    closing.open();
    await expect
      .poll(() => lines.map((line) => line.msg), { timeout: 10_000 })
      .toContain('connected to discord');
  });
});

describe('GIVEN DISCORD_API_URL lacks the /api path, so Discord answers 404', () => {
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

  it('the login is retried with a warning that names DISCORD_API_URL and the 404, not an outage', async () => {
    const wrongUrl = new URL(discord.restUrl).origin;
    bridge = await spawnBridge({
      ...bridgeEnv(discord, dir.file('bridge.sqlite')),
      DISCORD_API_URL: wrongUrl,
    });
    const notFound =
      "DISCORD_API_URL answered 404 Not Found: check the URL (Discord's own is " +
      'https://discord.com/api); retrying the login';
    await expect
      .poll(() => bridge!.logs.filter((line) => line.msg === notFound).length, { timeout: 8_000 })
      .toBeGreaterThanOrEqual(2);
    expect(bridge.logs.find((line) => line.msg === notFound)).toMatchObject({
      level: 40,
      discordApiUrl: wrongUrl,
    });
    expect(bridge.logs.map((line) => line.msg)).not.toContain(RETRYING);
    expect(bridge.child.exitCode).toBeNull();
  });
});

describe('GIVEN Discord refuses the token', () => {
  let discord: LocalDiscord;
  let dir: ReturnType<typeof tempDir>;

  beforeEach(async () => {
    dir = tempDir();
    discord = await startLocalDiscord();
  });
  afterEach(async () => {
    await discord.close();
    dir.remove();
  });

  it('the process stops with exit code 1 and one fatal line naming DISCORD_TOKEN, without retrying', async () => {
    const bridge = await spawnBridge({
      ...bridgeEnv(discord, dir.file('bridge.sqlite')),
      DISCORD_TOKEN: 'not-the-bot-token',
      PUBLIC_URL: 'https://bridge.example.test',
    });
    const [code] = (await once(bridge.child, 'exit')) as [number | null];
    expect(code).toBe(1);
    const problems = bridge.logs.filter((line) => Number(line.level) >= 40);
    expect(problems.map((line) => line.level)).toEqual([60]);
    expect(String(problems[0]?.msg)).toContain('DISCORD_TOKEN');
  });
});

describe('GIVEN the gateway connection drops', () => {
  let discord: LocalDiscord;
  let dir: ReturnType<typeof tempDir>;
  let bridge: BridgeProcess | undefined;

  beforeEach(async () => {
    dir = tempDir();
    discord = await startLocalDiscord();
    bridge = await spawnBridge({
      ...bridgeEnv(discord, dir.file('bridge.sqlite')),
      PUBLIC_URL: 'https://bridge.example.test',
    });
    await bridge.waitForLog('connected to discord');
  });
  afterEach(async () => {
    if (bridge) await killBridge(bridge);
    bridge = undefined;
    await discord.close();
    dir.remove();
  });

  const logged = (message: string) => bridge!.logs.filter((line) => line.msg === message);

  it('the loss is logged at warn and the resumed connection at info', async () => {
    expect(logged('discord gateway connection lost: reconnecting')).toEqual([]);

    discord.dropGateway({ resumable: true, how: 'close' });
    await expect
      .poll(() => logged('discord gateway connection is back'), { timeout: 5_000 })
      .toEqual([expect.objectContaining({ level: 30, how: 'resumed', subsystem: 'bot' })]);
    expect(logged('discord gateway connection lost: reconnecting')).toEqual([
      expect.objectContaining({ level: 40, shard: 0, subsystem: 'bot' }),
    ]);
  });
});
