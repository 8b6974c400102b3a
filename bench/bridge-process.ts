/**
 * The bridge as the operator runs it: the built `dist/main.js` in its own process, configured
 * through the environment, pointed at the local Discord, logging JSON lines at `info` into a file
 * (a pipe read by the benchmark would make the benchmark's own process part of the measurement).
 */
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pidOf, pollUntil, ROOT, spawnNode, stopProcess } from './processes.js';

/** A running bridge process. */
export interface BridgeProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Spawn to the first `200` from `/healthz`, in ms. */
  startupMs: number;
  /** Log lines at warn or above so far. */
  problems(): string[];
  stop(): Promise<void>;
}

/** Options of {@link startBridgeProcess}. */
export interface BridgeOptions {
  discord: { restUrl: string; token: string };
  databasePath: string;
  /** Extra Node flags, e.g. `--cpu-prof --cpu-prof-dir=…` to profile the bridge. */
  nodeArgs?: string[];
  /** Environment over the benchmark's defaults, e.g. `LOG_LEVEL`. */
  env?: Record<string, string>;
}

/** pino's level number for `warn`. */
const WARN = 40;

/**
 * One benchmark server sends thousands of events a second, far beyond the per-server flood limit
 * (600 a minute by default), which would answer most of them 429; the limit is set to its maximum.
 */
const EVENTS_PER_MINUTE = '1000000';

/** The checkout whose `dist/main.js` is benchmarked: this one, or `BENCH_BRIDGE_DIR`. */
export function bridgeDir(): string {
  return process.env.BENCH_BRIDGE_DIR ?? ROOT;
}

/** Spawns the bridge, waits for `/healthz` and for `/tickety` to be registered. */
export async function startBridgeProcess(options: BridgeOptions): Promise<BridgeProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logPath = `${options.databasePath}.${port}.log`;
  const logFd = openSync(logPath, 'a');
  const started = performance.now();
  const child = spawnNode(join(bridgeDir(), 'dist/main.js'), {
    nodeArgs: options.nodeArgs,
    env: {
      DISCORD_TOKEN: options.discord.token,
      DISCORD_API_URL: options.discord.restUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: 'https://bridge.example.test',
      DATABASE_PATH: options.databasePath,
      LOG_LEVEL: 'info',
      EVENTS_PER_MINUTE,
      ...(process.env.BRIDGE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BRIDGE_NODE_OPTIONS } : {}),
      ...options.env,
    },
    stdio: ['ignore', logFd, 'inherit'],
  });
  closeSync(logFd);

  const log = (): string => readFileSync(logPath, 'utf8');
  const problems = (): string[] =>
    log()
      .split('\n')
      .filter((line) => Number(/"level":(\d+)/.exec(line)?.[1] ?? 0) >= WARN);
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;

  await pollUntil(
    async () => {
      if (exited()) throw new Error(`bridge exited (${child.exitCode}): ${log().slice(-2000)}`);
      const response = await fetch(`${url}/healthz`).catch(() => undefined);
      await response?.body?.cancel();
      return response?.status === 200 ? true : undefined;
    },
    30_000,
    5,
    'the bridge to answer /healthz with 200',
  );
  const startupMs = performance.now() - started;
  await pollUntil(
    () => (log().includes('"msg":"connected to discord"') ? true : undefined),
    15_000,
    10,
    '/tickety to be registered',
  );

  return {
    child,
    pid: pidOf(child),
    url,
    startupMs,
    problems,
    stop: () => stopProcess(child, 10_000),
  };
}

/** A port nobody listens on right now, from the kernel. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
