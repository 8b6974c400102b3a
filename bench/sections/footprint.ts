/**
 * Section 3, staying small: resident memory while a large number of events goes through the
 * bridge (taken in over HTTP and delivered to the local Discord), the database's size per event,
 * and start-up time to a ready endpoint, with an empty and with a full database.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startBridgeProcess } from '../bridge-process.js';
import { DiscordProcess } from '../discord-process.js';
import { runLoad, type LoadResult } from '../load.js';
import { MemorySampler, readMemory, type MemorySample } from '../memory.js';
import { pollUntil, sleep } from '../processes.js';
import { configureMixed, eventBodies, TOKEN } from '../scenario.js';

/** How section 3 runs. */
export interface FootprintSettings {
  events: number;
  connections: number;
  /** Longest wait for the delivery backlog to drain after the load. */
  drainTimeoutS: number;
  restarts: number;
  workDir: string;
}

/** The load comes in this many equal parts, with a pause after each to read the settled RSS. */
export const LOAD_PARTS = 4;

/** How long the bridge is left to its deliveries after each part before its RSS is read. */
const SETTLE_MS = 3000;

/** RSS read {@link SETTLE_MS} after a part of the load, when the garbage of the burst is gone. */
export interface SettledReading {
  eventsSoFar: number;
  rssMb: number;
}

/** What section 3 measured. */
export interface FootprintReport {
  settings: FootprintSettings;
  /** All parts of the load together. */
  load: LoadResult;
  settled: SettledReading[];
  /** RSS once a second; `loadEndS` and `drainEndS` mark the end of the load and of the drain. */
  samples: MemorySample[];
  loadEndS: number;
  /** Seconds from the end of the load until no delivery was pending; null if it did not drain. */
  drainS: number | null;
  peakMb: number;
  events: number;
  deliveries: Record<string, number>;
  databaseBytes: number;
  walBytes: number;
  startupEmptyMs: number;
  startupFullMs: number[];
}

/** Runs section 3. */
export async function measureFootprint(settings: FootprintSettings): Promise<FootprintReport> {
  const discord = await DiscordProcess.start({ rateLimits: false });
  const databasePath = join(settings.workDir, 'footprint.sqlite');
  try {
    let bridge = await startBridgeProcess({ discord, databasePath });
    const startupEmptyMs = bridge.startupMs;
    await configureMixed(discord);

    const sampler = new MemorySampler(bridge.pid);
    const started = performance.now();
    const parts: LoadResult[] = [];
    const settled: SettledReading[] = [];
    for (let part = 1; part <= LOAD_PARTS; part++) {
      parts.push(
        await runLoad(
          {
            url: bridge.url,
            path: `/tickety/${discord.guild.id}`,
            token: TOKEN,
            bodies: eventBodies(discord.guild.users.newcomer),
            connections: settings.connections,
            amount: settings.events / LOAD_PARTS,
          },
          600_000,
        ),
      );
      await sleep(SETTLE_MS);
      settled.push({
        eventsSoFar: (settings.events / LOAD_PARTS) * part,
        rssMb: readMemory(bridge.pid)?.rssMb ?? NaN,
      });
    }
    const loadEndS = (performance.now() - started) / 1000;
    const load = combineLoads(parts);

    const db = new BetterSqlite3(databasePath, { readonly: true, fileMustExist: true });
    const pending = db.prepare<[], { n: number }>(
      `SELECT COUNT(*) AS n FROM deliveries WHERE status = 'pending'`,
    );
    const drained = await pollUntil(
      () => ((pending.get()?.n ?? 1) === 0 ? true : undefined),
      settings.drainTimeoutS * 1000,
      250,
      'the delivery backlog to drain',
    ).catch(() => false);
    const drainS = drained ? (performance.now() - started) / 1000 - loadEndS : null;
    await sleep(3000);
    const samples = sampler.stop();
    const peakMb = readMemory(bridge.pid)?.peakMb ?? NaN;

    const events = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events').get()?.n ?? 0;
    const deliveries = Object.fromEntries(
      db
        .prepare<[], { status: string; n: number }>(
          'SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status',
        )
        .all()
        .map((row) => [row.status, row.n]),
    );
    db.close();
    const size = (path: string): number => statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    const databaseBytes = size(databasePath);
    const walBytes = size(`${databasePath}-wal`);

    const startupFullMs: number[] = [];
    for (let i = 0; i < settings.restarts; i++) {
      await bridge.stop();
      bridge = await startBridgeProcess({ discord, databasePath });
      startupFullMs.push(bridge.startupMs);
    }
    await bridge.stop();

    return {
      settings,
      load,
      settled,
      samples,
      loadEndS,
      drainS,
      peakMb,
      events,
      deliveries,
      databaseBytes,
      walBytes,
      startupEmptyMs,
      startupFullMs,
    };
  } finally {
    await discord.close();
  }
}

/** Several runs as one: totals summed, the rate over their summed duration, the worst p99. */
function combineLoads(parts: readonly LoadResult[]): LoadResult {
  const sum = (pick: (part: LoadResult) => number): number =>
    parts.reduce((total, part) => total + pick(part), 0);
  const statuses: Record<string, number> = {};
  for (const part of parts) {
    for (const [code, count] of Object.entries(part.statuses)) {
      statuses[code] = (statuses[code] ?? 0) + count;
    }
  }
  return {
    requests: sum((part) => part.requests),
    ok: sum((part) => part.ok),
    requestsPerS: sum((part) => part.requests) / sum((part) => part.durationS),
    p50Ms: Math.max(...parts.map((part) => part.p50Ms)),
    p99Ms: Math.max(...parts.map((part) => part.p99Ms)),
    maxMs: Math.max(...parts.map((part) => part.maxMs)),
    non2xx: sum((part) => part.non2xx),
    statuses,
    errors: sum((part) => part.errors),
    timeouts: sum((part) => part.timeouts),
    durationS: sum((part) => part.durationS),
  };
}
