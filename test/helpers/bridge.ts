import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startBridge, type Bridge, type BridgeTuning } from '../../src/main.js';
import { afterAll, beforeAll } from 'vitest';
import { startLocalDiscord, type LocalDiscord } from '../local-discord/index.js';
import { runTickety, text } from './tickety-command.js';
import { tempDir } from './temp-db.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Fast retries and short timeouts, so fault tests finish in seconds. */
export const TEST_TUNING: BridgeTuning = {
  retry: { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 400 },
  restTimeoutMs: 1_000,
};

/** The configuration a test bridge runs with, pointed at a local Discord. */
export function testConfig(discord: LocalDiscord, databasePath: string): Config {
  return {
    discordToken: discord.token,
    discordApiUrl: discord.restUrl,
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'https://bridge.example.test',
    databasePath,
    logLevel: 'silent',
    retentionDays: 30,
    eventsPerMinute: 600,
  };
}

/** Starts the real composition root in this process and waits until Discord is ready. */
export async function startTestBridge(
  discord: LocalDiscord,
  databasePath: string,
  tuning: BridgeTuning = TEST_TUNING,
): Promise<Bridge & { url: string }> {
  const config = testConfig(discord, databasePath);
  const bridge = await startBridge(
    config,
    createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    tuning,
  );
  await bridge.ready;
  return { ...bridge, url: `http://127.0.0.1:${bridge.port}` };
}

/** A running local Discord and in-process bridge, filled in once `beforeAll` has run. */
export interface BridgeEnv {
  discord: LocalDiscord;
  bridge: Awaited<ReturnType<typeof startTestBridge>>;
  dir: ReturnType<typeof tempDir>;
}

/**
 * Gives the tests of one `describe` a local Discord and a bridge on a fresh SQLite file, started
 * in `beforeAll` (after `/tickety setup` with `token`, when given) and stopped in `afterAll`.
 */
export function useBridge(options: { token?: string } = {}): BridgeEnv {
  const env = { dir: tempDir() } as BridgeEnv;
  beforeAll(async () => {
    env.discord = await startLocalDiscord();
    env.bridge = await startTestBridge(env.discord, env.dir.file('bridge.sqlite'));
    if (options.token !== undefined)
      await runTickety(env.discord, 'setup', { token: text(options.token) });
  });
  afterAll(async () => {
    await env.bridge?.stop();
    await env.discord?.close();
    env.dir.remove();
  });
  return env;
}

/** POSTs one event body to a bridge the way Tickety does. */
export async function postEvent(
  url: string,
  guildId: string,
  token: string | undefined,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${url}/tickety/${guildId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: token }),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** The bridge as a separate process (`node --import tsx src/main.ts`), for crash and signal tests. */
export interface BridgeProcess {
  child: ChildProcess;
  url: string;
  /** Log lines (parsed JSON) seen so far. */
  logs: Record<string, unknown>[];
  waitForLog(message: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

/** The environment of a spawned bridge pointed at a local Discord, on a free loopback port. */
export function bridgeEnv(discord: LocalDiscord, databasePath: string): Record<string, string> {
  return {
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.restUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: databasePath,
  };
}

/**
 * Starts the real entry point as its own process, from `cwd` (the repository by default), with
 * only the given variables on top of a clean environment.
 */
export function spawnEntryPoint(env: Record<string, string>, cwd = ROOT): ChildProcess {
  const loader = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  return spawn(process.execPath, ['--import', loader, join(ROOT, 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Spawns the real entry point with the given environment and waits for the endpoint. */
export async function spawnBridge(env: Record<string, string>, cwd = ROOT): Promise<BridgeProcess> {
  const child = spawnEntryPoint(env, cwd);
  const logs: Record<string, unknown>[] = [];
  const waiters: { message: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  createInterface({ input: child.stdout! }).on('line', (line) => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    logs.push(parsed);
    for (const waiter of waiters.filter((w) => w.message === parsed.msg)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(parsed);
    }
  });

  const waitForLog = (message: string, timeoutMs = 15_000) => {
    const seen = logs.find((line) => line.msg === message);
    if (seen) return Promise.resolve(seen);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no "${message}" log line within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`,
            ),
          ),
        timeoutMs,
      );
      const exited = () =>
        reject(new Error(`bridge exited before "${message}"; stderr: ${stderr.slice(-2000)}`));
      child.once('exit', exited);
      waiters.push({
        message,
        resolve: (line) => {
          clearTimeout(timer);
          child.off('exit', exited);
          resolve(line);
        },
      });
    });
  };

  const listening = await waitForLog('http endpoint listening');
  return { child, url: `http://127.0.0.1:${String(listening.port)}`, logs, waitForLog };
}

/** Kills a spawned bridge and waits until it is gone. */
export async function killBridge(
  bridge: BridgeProcess,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<number | null> {
  if (bridge.child.exitCode !== null || bridge.child.signalCode !== null)
    return bridge.child.exitCode;
  const exited = once(bridge.child, 'exit');
  bridge.child.kill(signal);
  const [code] = (await exited) as [number | null];
  return code;
}
